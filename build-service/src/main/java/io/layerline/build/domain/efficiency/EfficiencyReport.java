package io.layerline.build.domain.efficiency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user would learn from {@code dive}: per layer, its files and the bytes it adds; and across the image, the
 * bytes shipped for files that a later layer overwrites or deletes.
 *
 * @param totalBytes  file bytes in all layers, as shipped
 * @param wastedBytes file bytes shipped only to be overwritten or deleted by a later layer
 * @param largestWaste the biggest wasted files first, at most 20
 */
public record EfficiencyReport(long totalBytes, long wastedBytes, List<LayerReport> layers,
                               List<WastedFile> largestWaste) {

    /** @param wastedBytes bytes of this layer's files that later layers overwrite or delete */
    public record LayerReport(String digest, long compressedSize, int files, long fileBytes, long wastedBytes) {
    }

    /** A file shipped in {@code addedIn} and overwritten or deleted in {@code goneIn} (layer indexes). */
    public record WastedFile(String path, long bytes, int addedIn, int goneIn) {
    }

    /** One layer's entries, in the order of the image's layers (base first). */
    public record Layer(String digest, long compressedSize, List<LayerFile> files) {
    }

    private static final int LARGEST = 20;

    /** The share of shipped bytes that is not wasted, 1.0 for an image with nothing to waste. */
    public double efficiency() {
        return totalBytes == 0 ? 1.0 : 1.0 - (double) wastedBytes / totalBytes;
    }

    public static EfficiencyReport of(List<Layer> layers) {
        Map<String, Placed> visible = new HashMap<>();
        List<WastedFile> wasted = new ArrayList<>();
        long[] wastedPerLayer = new long[layers.size()];
        long total = 0;
        for (int index = 0; index < layers.size(); index++) {
            for (LayerFile file : layers.get(index).files()) {
                switch (file.kind()) {
                    case WHITEOUT -> remove(visible, file.path(), false, index, wasted, wastedPerLayer);
                    case OPAQUE -> remove(visible, file.path(), true, index, wasted, wastedPerLayer);
                    default -> {
                        Placed earlier = visible.put(file.path(), new Placed(file.size(), index));
                        if (earlier != null && earlier.layer() < index && earlier.size() > 0) {
                            wasted.add(new WastedFile(file.path(), earlier.size(), earlier.layer(), index));
                            wastedPerLayer[earlier.layer()] += earlier.size();
                        }
                        total += file.size();
                    }
                }
            }
        }
        List<LayerReport> reports = new ArrayList<>();
        for (int index = 0; index < layers.size(); index++) {
            Layer layer = layers.get(index);
            long bytes = layer.files().stream().mapToLong(LayerFile::size).sum();
            int files = (int) layer.files().stream().filter(file -> file.kind() == LayerFile.Kind.FILE).count();
            reports.add(new LayerReport(layer.digest(), layer.compressedSize(), files, bytes, wastedPerLayer[index]));
        }
        long wastedTotal = wasted.stream().mapToLong(WastedFile::bytes).sum();
        List<WastedFile> largest = wasted.stream().sorted(Comparator.comparingLong(WastedFile::bytes).reversed()
                .thenComparing(WastedFile::path)).limit(LARGEST).toList();
        return new EfficiencyReport(total, wastedTotal, List.copyOf(reports), largest);
    }

    /** Removes a path (and everything under it), or for an opaque directory only what lies under it. */
    private static void remove(Map<String, Placed> visible, String path, boolean contentsOnly, int index,
                               List<WastedFile> wasted, long[] wastedPerLayer) {
        String prefix = path.isEmpty() ? "" : path + "/";
        visible.entrySet().removeIf(entry -> {
            boolean covered = (!contentsOnly && entry.getKey().equals(path)) || entry.getKey().startsWith(prefix);
            if (covered && entry.getValue().layer() < index && entry.getValue().size() > 0) {
                wasted.add(new WastedFile(entry.getKey(), entry.getValue().size(), entry.getValue().layer(), index));
                wastedPerLayer[entry.getValue().layer()] += entry.getValue().size();
            }
            return covered && entry.getValue().layer() < index;
        });
    }

    private record Placed(long size, int layer) {
    }
}
