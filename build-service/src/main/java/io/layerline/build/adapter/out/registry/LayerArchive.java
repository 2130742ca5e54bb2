package io.layerline.build.adapter.out.registry;

import io.layerline.build.domain.efficiency.LayerFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The entries of a layer blob: a tar archive, gzip-compressed or not (told by its first bytes). */
final class LayerArchive {

    /** Sees each entry of an archive in order, with its content readable until the next. */
    interface Visitor {
        void visit(TarArchiveEntry entry, InputStream content) throws IOException;
    }

    private LayerArchive() {
    }

    /** @param blob must support mark and reset */
    static List<LayerFile> entries(InputStream blob) throws IOException {
        List<LayerFile> files = new ArrayList<>();
        each(blob, (entry, content) -> files.add(file(entry)));
        return files;
    }

    /** @param blob must support mark and reset */
    static void each(InputStream blob, Visitor visitor) throws IOException {
        blob.mark(4);
        byte[] magic = blob.readNBytes(4);
        blob.reset();
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            throw new IOException("zstd-compressed layers are not read");
        }
        boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(blob)
                : blob)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                visitor.visit(entry, tar);
            }
        }
    }

    static LayerFile file(TarArchiveEntry entry) {
        return LayerFile.of(entry.getName(), entry.getSize(), entry.isDirectory(),
                entry.isSymbolicLink() || entry.isLink());
    }
}
