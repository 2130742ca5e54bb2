package io.layerline.build.domain.squash;

import io.layerline.build.domain.efficiency.LayerFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which entries of the layers above a base survive when they are merged into one layer that gives the same
 * filesystem on that base. As the OCI image layer specification has it, a layer's whiteouts apply to the layers
 * below it only: so each layer's whiteouts remove what earlier merged layers added, and are kept themselves to hide
 * what the base holds; everything a later layer replaces or deletes is dropped. In the merged layer each layer's kept
 * whiteouts come before its other kept entries, in layer order.
 */
public final class SquashPlan {

    /** A layer's entry: what {@link LayerFile} reads from its header, and the path a hard link points to. */
    public record Entry(LayerFile file, String hardLinkTo) {

        public static Entry of(LayerFile file) {
            return new Entry(file, null);
        }
    }

    /** Where an entry sits: its layer (0 the lowest merged) and its place in that layer's archive. */
    public record Position(int layer, int index) implements Comparable<Position> {

        @Override
        public int compareTo(Position other) {
            return layer != other.layer ? Integer.compare(layer, other.layer) : Integer.compare(index, other.index);
        }
    }

    private final List<boolean[]> kept;
    private final List<String> problems;

    private SquashPlan(List<boolean[]> kept, List<String> problems) {
        this.kept = kept;
        this.problems = problems;
    }

    /** The plan for these layers, lowest first, each in archive order. */
    public static SquashPlan of(List<List<Entry>> layers) {
        NavigableMap<String, Position> live = new TreeMap<>();
        Map<String, Position> hidden = new HashMap<>();
        Map<Position, Entry> entries = new HashMap<>();
        for (int layer = 0; layer < layers.size(); layer++) {
            List<Entry> archive = layers.get(layer);
            for (int index = 0; index < archive.size(); index++) {
                LayerFile file = archive.get(index).file();
                Position at = new Position(layer, index);
                entries.put(at, archive.get(index));
                if (file.kind() == LayerFile.Kind.WHITEOUT) {
                    live.remove(file.path());
                    below(live, file.path()).clear();
                    hidden.putIfAbsent(hiddenKey(file), at);
                } else if (file.kind() == LayerFile.Kind.OPAQUE) {
                    below(live, file.path()).clear();
                    hidden.putIfAbsent(hiddenKey(file), at);
                }
            }
            for (int index = 0; index < archive.size(); index++) {
                LayerFile file = archive.get(index).file();
                if (file.kind() == LayerFile.Kind.WHITEOUT || file.kind() == LayerFile.Kind.OPAQUE) {
                    continue;
                }
                Position replaced = live.put(file.path(), new Position(layer, index));
                if (replaced != null && file.kind() != LayerFile.Kind.DIRECTORY) {
                    below(live, file.path()).clear();
                }
            }
        }
        List<boolean[]> kept = new ArrayList<>();
        layers.forEach(archive -> kept.add(new boolean[archive.size()]));
        live.values().forEach(at -> kept.get(at.layer())[at.index()] = true);
        hidden.values().forEach(at -> kept.get(at.layer())[at.index()] = true);
        List<String> problems = new ArrayList<>();
        live.forEach((path, at) -> brokenLink(entries.get(at), at, live, hidden.keySet()).ifPresent(problems::add));
        return new SquashPlan(kept, List.copyOf(problems));
    }

    /** Whether the merged layer keeps this entry. */
    public boolean keeps(int layer, int index) {
        return kept.get(layer)[index];
    }

    /**
     * Why these layers cannot be merged, if they cannot: a hard link whose target a later layer replaces or deletes
     * would point at something else, or at nothing, in one layer.
     */
    public List<String> problems() {
        return problems;
    }

    private static NavigableMap<String, Position> below(NavigableMap<String, Position> live, String directory) {
        return directory.isEmpty() ? live : live.subMap(directory + "/", true, directory + "0", false);
    }

    private static String hiddenKey(LayerFile file) {
        return (file.kind() == LayerFile.Kind.OPAQUE ? "opaque:" : "whiteout:") + file.path();
    }

    /**
     * A kept hard link is sound when its target is kept from before it, or was never touched by the merged layers
     * (a file of the base); otherwise the target it pointed at is gone.
     */
    private static Optional<String> brokenLink(Entry entry, Position at, Map<String, Position> live,
                                               Set<String> hidden) {
        if (entry.hardLinkTo() == null) {
            return Optional.empty();
        }
        String target = LayerFile.of(entry.hardLinkTo(), 0, false, false).path();
        Position kept = live.get(target);
        if (kept != null && kept.compareTo(at) < 0) {
            return Optional.empty();
        }
        boolean touched = kept != null || hidden.contains("whiteout:" + target);
        for (String ancestor = target; !touched && ancestor.contains("/"); ) {
            ancestor = ancestor.substring(0, ancestor.lastIndexOf('/'));
            touched = hidden.contains("whiteout:" + ancestor) || hidden.contains("opaque:" + ancestor);
        }
        return touched ? Optional.of("hard link " + entry.file().path() + " points at " + target
                + ", which a later layer replaces or deletes") : Optional.empty();
    }
}
