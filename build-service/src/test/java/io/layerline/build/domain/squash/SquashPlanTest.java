package io.layerline.build.domain.squash;

import io.layerline.build.domain.efficiency.LayerFile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merged layer, put on the base, gives the filesystem the separate layers give: checked against a model of how
 * layers apply (whiteouts to the layers below, then the entries in order) for any stack, and on the cases found.
 */
class SquashPlanTest {

    private static final List<String> DIRECTORIES = List.of("a", "b", "a/x");
    private static final List<String> FILES = List.of("a/y", "a/x/z", "b/x", "c");

    @Property(tries = 3000)
    void theMergedLayerGivesTheSameFilesystemOnTheBase(@ForAll("layer") List<LayerFile> base,
                                                       @ForAll("stack") List<List<LayerFile>> layers) {
        assertSameFilesystem(base, layers);
    }

    @Test
    void filesOverwrittenOrDeletedAboveTheBaseAreDroppedAndWhiteoutsKeptForTheBase() {
        List<List<LayerFile>> layers = List.of(
                List.of(dir("app"), file("app/big"), file("app/conf")),
                List.of(whiteout("app/big"), file("app/conf"), whiteout("etc/motd")),
                List.of(opaque("var/cache"), file("var/cache/x")));
        SquashPlan plan = plan(layers);

        assertThat(plan.keeps(0, 0)).isTrue();
        assertThat(plan.keeps(0, 1)).as("deleted above").isFalse();
        assertThat(plan.keeps(0, 2)).as("overwritten above").isFalse();
        assertThat(plan.keeps(1, 0)).as("hides the base's app/big, if it has one").isTrue();
        assertThat(plan.keeps(1, 1)).isTrue();
        assertThat(plan.keeps(1, 2)).isTrue();
        assertThat(plan.keeps(2, 0)).isTrue();
        assertThat(plan.keeps(2, 1)).isTrue();
        assertThat(plan.problems()).isEmpty();
        assertSameFilesystem(List.of(file("etc/motd"), file("app/big"), file("var/cache/old")), layers);
    }

    @Test
    void aDirectoryRecreatedAfterItsWhiteoutKeepsTheWhiteoutForTheBase() {
        List<List<LayerFile>> layers = List.of(List.of(whiteout("a")), List.of(dir("a"), file("a/new")));
        assertSameFilesystem(List.of(dir("a"), file("a/old")), layers);
    }

    @Test
    void aWhiteoutAppliesOnlyToLowerLayersEvenAfterItsOwnLayersEntry() {
        List<List<LayerFile>> layers = List.of(List.of(file("a")), List.of(file("b"), whiteout("b")));
        assertSameFilesystem(List.of(file("b")), layers);
        assertThat(plan(layers).keeps(1, 0)).isTrue();
    }

    @Test
    void aFileReplacingADirectoryDropsWhatWasBelowIt() {
        List<List<LayerFile>> layers = List.of(List.of(dir("a"), file("a/x")), List.of(file("a")));
        assertThat(plan(layers).keeps(0, 1)).isFalse();
        assertSameFilesystem(List.of(), layers);
    }

    @Test
    void aHardLinkWhoseTargetALaterLayerReplacesCannotBeMerged() {
        List<List<SquashPlan.Entry>> layers = List.of(
                List.of(SquashPlan.Entry.of(file("bin/tool"))),
                List.of(new SquashPlan.Entry(new LayerFile("bin/alias", 0, LayerFile.Kind.LINK), "bin/tool")),
                List.of(SquashPlan.Entry.of(file("bin/tool"))));
        assertThat(SquashPlan.of(layers).problems()).containsExactly(
                "hard link bin/alias points at bin/tool, which a later layer replaces or deletes");
        assertThat(SquashPlan.of(layers.subList(0, 2)).problems()).isEmpty();
        assertThat(SquashPlan.of(List.of(List.of(new SquashPlan.Entry(
                new LayerFile("bin/alias", 0, LayerFile.Kind.LINK), "./bin/base-tool"))))
                .problems()).as("a link to a file of the base").isEmpty();
    }

    @Provide
    Arbitrary<List<List<LayerFile>>> stack() {
        return layer().list().ofMinSize(1).ofMaxSize(5);
    }

    /**
     * A layer as engines write them: a path is a directory or a file throughout, every entry comes after its parent
     * directories' entries, and a directory made opaque comes with its own (a deleted and recreated directory);
     * whiteouts name anything, present or not.
     */
    @Provide
    Arbitrary<List<LayerFile>> layer() {
        Arbitrary<List<LayerFile>> directory = Arbitraries.of(DIRECTORIES).flatMap(path -> Arbitraries.of(
                List.of(dir(path)), List.of(dir(path), opaque(path)), List.of(whiteout(path))));
        Arbitrary<List<LayerFile>> file = Arbitraries.of(FILES).flatMap(path -> Arbitraries.of(
                List.of(file(path)), List.of(new LayerFile(path, 0, LayerFile.Kind.LINK)), List.of(whiteout(path))));
        Arbitrary<List<LayerFile>> root = Arbitraries.just(List.of(opaque("")));
        return Arbitraries.frequencyOf(Tuple.of(6, directory), Tuple.of(8, file),
                Tuple.of(1, root)).list().ofMaxSize(8)
                .map(parts -> parts.stream().flatMap(List::stream).flatMap(entry -> withParents(entry).stream())
                        .toList());
    }

    private static List<LayerFile> withParents(LayerFile entry) {
        List<LayerFile> entries = new ArrayList<>();
        String path = entry.path();
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            entries.add(dir(path.substring(0, slash)));
        }
        entries.add(entry);
        return entries;
    }

    private static void assertSameFilesystem(List<LayerFile> base, List<List<LayerFile>> layers) {
        SquashPlan plan = plan(layers);
        assertThat(plan.problems()).isEmpty();
        Map<String, String> separate = apply(new TreeMap<>(), base, "base");
        for (int layer = 0; layer < layers.size(); layer++) {
            separate = apply(separate, layers.get(layer), "l" + layer);
        }
        List<LayerFile> merged = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int layer = 0; layer < layers.size(); layer++) {
            for (boolean hiding : List.of(true, false)) {
                for (int index = 0; index < layers.get(layer).size(); index++) {
                    LayerFile file = layers.get(layer).get(index);
                    if (plan.keeps(layer, index) && hiding == hides(file)) {
                        merged.add(file);
                        ids.add("l" + layer + ":" + index);
                    }
                }
            }
        }
        Map<String, String> squashed = apply(apply(new TreeMap<>(), base, "base"), merged, ids);
        assertThat(squashed).as("base %s, layers %s, merged %s", base, layers, merged).isEqualTo(separate);
    }

    private static Map<String, String> apply(Map<String, String> lower, List<LayerFile> layer, String name) {
        List<String> ids = new ArrayList<>();
        for (int index = 0; index < layer.size(); index++) {
            ids.add(name + ":" + index);
        }
        return apply(lower, layer, ids);
    }

    /** A layer's whiteouts remove from the layers below; then its entries apply in order; ids name their content. */
    private static Map<String, String> apply(Map<String, String> lower, List<LayerFile> layer, List<String> ids) {
        TreeMap<String, String> files = new TreeMap<>(lower);
        for (LayerFile file : layer) {
            if (file.kind() == LayerFile.Kind.WHITEOUT) {
                files.remove(file.path());
                removeBelow(files, file.path());
            } else if (file.kind() == LayerFile.Kind.OPAQUE) {
                removeBelow(files, file.path());
            }
        }
        for (int index = 0; index < layer.size(); index++) {
            LayerFile file = layer.get(index);
            if (hides(file)) {
                continue;
            }
            String path = file.path();
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String ancestor = path.substring(0, slash);
                if (files.containsKey(ancestor) && !files.get(ancestor).startsWith("D")) {
                    files.remove(ancestor);
                }
                files.putIfAbsent(ancestor, "D");
            }
            String existing = files.get(path);
            if (file.kind() == LayerFile.Kind.DIRECTORY) {
                files.put(path, "D" + ids.get(index));
            } else {
                if (existing != null && existing.startsWith("D")) {
                    removeBelow(files, path);
                }
                files.put(path, file.kind() + ids.get(index));
            }
        }
        return files;
    }

    private static void removeBelow(TreeMap<String, String> files, String directory) {
        if (directory.isEmpty()) {
            files.clear();
        } else {
            files.subMap(directory + "/", true, directory + "0", false).clear();
        }
    }

    private static boolean hides(LayerFile file) {
        return file.kind() == LayerFile.Kind.WHITEOUT || file.kind() == LayerFile.Kind.OPAQUE;
    }

    private static SquashPlan plan(List<List<LayerFile>> layers) {
        return SquashPlan.of(layers.stream().map(layer -> layer.stream().map(SquashPlan.Entry::of).toList())
                .toList());
    }

    private static LayerFile file(String path) {
        return new LayerFile(path, 1, LayerFile.Kind.FILE);
    }

    private static LayerFile dir(String path) {
        return new LayerFile(path, 0, LayerFile.Kind.DIRECTORY);
    }

    private static LayerFile whiteout(String path) {
        return new LayerFile(path, 0, LayerFile.Kind.WHITEOUT);
    }

    private static LayerFile opaque(String path) {
        return new LayerFile(path, 0, LayerFile.Kind.OPAQUE);
    }
}
