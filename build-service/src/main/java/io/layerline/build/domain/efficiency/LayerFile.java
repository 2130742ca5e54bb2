package io.layerline.build.domain.efficiency;

/**
 * An entry of a layer's tar archive. Deletions are whiteouts: {@code .wh.name} removes {@code name} from lower
 * layers, {@code .wh..wh..opq} in a directory hides everything lower layers put in it.
 *
 * @param path normalised: no leading {@code ./} or {@code /}
 * @param size bytes of content; 0 for directories, links and whiteouts
 */
public record LayerFile(String path, long size, Kind kind) {

    public enum Kind { FILE, DIRECTORY, LINK, WHITEOUT, OPAQUE }

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";

    /** Reads the kind from the path, as the OCI image layer specification defines whiteouts. */
    public static LayerFile of(String rawPath, long size, boolean directory, boolean link) {
        String path = rawPath;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (name.equals(OPAQUE_MARKER)) {
            return new LayerFile(parent, 0, Kind.OPAQUE);
        }
        if (name.startsWith(WHITEOUT_PREFIX)) {
            String removed = name.substring(WHITEOUT_PREFIX.length());
            return new LayerFile(parent.isEmpty() ? removed : parent + "/" + removed, 0, Kind.WHITEOUT);
        }
        return new LayerFile(path, directory || link ? 0 : size, directory ? Kind.DIRECTORY
                : link ? Kind.LINK : Kind.FILE);
    }
}
