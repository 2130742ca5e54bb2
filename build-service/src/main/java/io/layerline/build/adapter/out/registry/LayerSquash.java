package io.layerline.build.adapter.out.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.port.RegistryImages;
import io.layerline.build.domain.build.SquashOutcome;
import io.layerline.build.domain.efficiency.LayerFile;
import io.layerline.build.domain.squash.SquashPlan;
import io.layerline.registry.Descriptor;
import io.layerline.registry.Manifest;
import io.layerline.registry.RegistryClient;
import io.layerline.registry.RegistryException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Squashes a pushed image onto its base from the registry: reads the layers above the base twice — their headers for
 * the {@link SquashPlan}, then the kept entries into one gzip layer written to a file and uploaded from it — and
 * pushes a config and an OCI manifest that say so. Works whatever engine built the image.
 */
final class LayerSquash {

    static final String HISTORY_ANNOTATION = "dev.layerline.squash.history";
    static final String BASE_NAME_ANNOTATION = "org.opencontainers.image.base.name";
    static final String BASE_DIGEST_ANNOTATION = "org.opencontainers.image.base.digest";
    private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    private static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final Map<String, String> OCI_LAYER_TYPES = Map.of(
            "application/vnd.docker.image.rootfs.diff.tar.gzip", OCI_LAYER_GZIP,
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");

    private final ObjectMapper json;
    private final RegistryClient client;
    private final Function<String, RegistryClient> clients;

    /** @param clients a client for any registry, for the base */
    LayerSquash(ObjectMapper json, RegistryClient client, Function<String, RegistryClient> clients) {
        this.json = json;
        this.client = client;
        this.clients = clients;
    }

    RegistryImages.Squashed squash(RegistryImages.Squash squash, BaseImage base)
            throws BuildFailure, RegistryException, IOException {
        String image = squash.registry() + "/" + squash.repository() + "@" + squash.digest();
        Manifest manifest = client.manifest(squash.repository(), squash.digest()).orElseThrow(() ->
                new BuildFailure(image + " is not in the registry"));
        if (manifest.isIndex()) {
            throw new BuildFailure(image + " is an index: only an image is squashed");
        }
        ObjectNode config = (ObjectNode) config(client, squash.repository(), manifest);
        List<String> diffIds = texts(config.path("rootfs").path("diff_ids"));
        List<String> baseDiffIds = base == null ? List.of() : base.diffIds();
        if (diffIds.size() < baseDiffIds.size() || !diffIds.subList(0, baseDiffIds.size()).equals(baseDiffIds)
                || manifest.layers().size() != diffIds.size()) {
            throw new BuildFailure("cannot squash " + image + ": its layers do not start with those of its base "
                    + squash.baseReference());
        }
        int baseLayers = baseDiffIds.size();
        List<String> upper = manifest.layers().subList(baseLayers, diffIds.size()).stream()
                .map(Descriptor::digest).toList();
        MergedLayer merged = merge(squash.repository(), upper, squash.scratch());
        client.pushBlob(squash.repository(), merged.digest(), merged.file());
        Files.deleteIfExists(merged.file());

        ArrayNode originalHistory = config.path("history").isArray() ? ((ArrayNode) config.path("history")).deepCopy()
                : json.createArrayNode();
        config.set("history", history(originalHistory, base, upper.size(), config.path("created")));
        ArrayNode rootfs = json.createArrayNode();
        baseDiffIds.forEach(rootfs::add);
        rootfs.add(merged.diffId());
        ((ObjectNode) config.path("rootfs")).set("diff_ids", rootfs);
        if (config.path("config").path("Labels").isObject()) {
            ((ObjectNode) config.path("config").path("Labels")).remove(squash.dropLabel());
        }
        byte[] configBytes = json.writeValueAsBytes(config);
        String configDigest = client.pushBlob(squash.repository(), configBytes);

        ObjectNode squashed = json.createObjectNode();
        squashed.put("schemaVersion", 2);
        squashed.put("mediaType", Manifest.OCI_MANIFEST);
        squashed.set("config", descriptor(OCI_CONFIG, configDigest, configBytes.length));
        ArrayNode layers = squashed.putArray("layers");
        for (JsonNode layer : manifest.json().path("layers")) {
            if (layers.size() == baseLayers) {
                break;
            }
            ObjectNode kept = layer.deepCopy();
            kept.put("mediaType", OCI_LAYER_TYPES.getOrDefault(layer.path("mediaType").asText(),
                    layer.path("mediaType").asText()));
            layers.add(kept);
        }
        layers.add(descriptor(OCI_LAYER_GZIP, merged.digest(), merged.size()));
        ObjectNode annotations = squashed.putObject("annotations");
        squash.annotations().forEach(annotations::put);
        if (base != null) {
            annotations.put(BASE_NAME_ANNOTATION, squash.baseReference());
            annotations.put(BASE_DIGEST_ANNOTATION, squash.baseDigest());
        }
        annotations.put(HISTORY_ANNOTATION, json.writeValueAsString(originalHistory));
        byte[] manifestBytes = json.writeValueAsBytes(squashed);
        String digest = null;
        for (String tag : squash.tags()) {
            digest = client.putManifest(squash.repository(), tag, Manifest.OCI_MANIFEST, manifestBytes);
        }
        List<SquashOutcome.Step> steps = new ArrayList<>();
        originalHistory.forEach(step -> steps.add(new SquashOutcome.Step(
                step.path("created_by").asText(""), step.path("empty_layer").asBoolean(false))));
        return new RegistryImages.Squashed(digest, baseLayers, upper.size(), steps);
    }

    /**
     * A base image as its config tells it.
     *
     * @param diffIds its layers, as uncompressed digests
     * @param steps   the steps of its history, those with no layer (its {@code USER}, {@code ENTRYPOINT}…) included
     */
    record BaseImage(List<String> diffIds, int steps) {
    }

    BaseImage base(String registry, String repository, String digest) throws BuildFailure, RegistryException,
            IOException {
        RegistryClient baseClient = clients.apply(registry);
        Manifest manifest = baseClient.manifest(repository, digest).orElseThrow(() ->
                new BuildFailure("the base " + registry + "/" + repository + "@" + digest + " is not in its registry"));
        if (manifest.isIndex()) {
            String platform = OciRegistryClient.platformManifest(manifest);
            manifest = baseClient.manifest(repository, platform).orElseThrow(() -> new BuildFailure(
                    "the base " + registry + "/" + repository + "@" + platform + " is not in its registry"));
        }
        JsonNode config = config(baseClient, repository, manifest);
        return new BaseImage(texts(config.path("rootfs").path("diff_ids")), config.path("history").size());
    }

    private record MergedLayer(Path file, String digest, String diffId, long size) {
    }

    /** Reads each layer's headers for the plan, then writes the kept entries, each layer's whiteouts first. */
    private MergedLayer merge(String repository, List<String> layers, Path scratch)
            throws BuildFailure, RegistryException, IOException {
        List<List<SquashPlan.Entry>> entries = new ArrayList<>();
        List<List<TarArchiveEntry>> headers = new ArrayList<>();
        for (String layer : layers) {
            List<SquashPlan.Entry> files = new ArrayList<>();
            List<TarArchiveEntry> read = new ArrayList<>();
            try (InputStream blob = new BufferedInputStream(client.blob(repository, layer), 65_536)) {
                LayerArchive.each(blob, (entry, content) -> {
                    files.add(new SquashPlan.Entry(LayerArchive.file(entry),
                            entry.isLink() ? entry.getLinkName() : null));
                    read.add(entry);
                });
            }
            entries.add(files);
            headers.add(read);
        }
        SquashPlan plan = SquashPlan.of(entries);
        if (!plan.problems().isEmpty()) {
            throw new BuildFailure("cannot squash: " + String.join("; ", plan.problems()));
        }
        Path file = Files.createTempFile(scratch, "squashed-", ".tar.gz");
        MessageDigest compressed = sha256();
        MessageDigest uncompressed = sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 65_536),
                compressed);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(
                     new GzipCompressorOutputStream(out), uncompressed))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (int layer = 0; layer < layers.size(); layer++) {
                List<SquashPlan.Entry> files = entries.get(layer);
                for (int index = 0; index < files.size(); index++) {
                    if (hides(files.get(index)) && plan.keeps(layer, index)) {
                        tar.putArchiveEntry(headers.get(layer).get(index));
                        tar.closeArchiveEntry();
                    }
                }
                int current = layer;
                int[] index = {0};
                try (InputStream blob = new BufferedInputStream(client.blob(repository, layers.get(layer)), 65_536)) {
                    LayerArchive.each(blob, (entry, content) -> {
                        int at = index[0]++;
                        if (!hides(files.get(at)) && plan.keeps(current, at)) {
                            tar.putArchiveEntry(entry);
                            if (entry.isFile()) {
                                content.transferTo(tar);
                            }
                            tar.closeArchiveEntry();
                        }
                    });
                }
            }
        }
        return new MergedLayer(file, "sha256:" + HexFormat.of().formatHex(compressed.digest()),
                "sha256:" + HexFormat.of().formatHex(uncompressed.digest()), Files.size(file));
    }

    /**
     * The base's steps as they were, then one step for the merged layer; the steps above the base go to the
     * annotation. Builders copy the base's history first; where this one did not, the base's steps are taken up to
     * its last layer.
     */
    private ArrayNode history(ArrayNode original, BaseImage base, int merged, JsonNode created) {
        int baseLayers = base == null ? 0 : base.diffIds().size();
        int steps = base == null ? 0 : Math.min(base.steps(), original.size());
        if (layersIn(original, steps) != baseLayers) {
            steps = 0;
            while (steps < original.size() && layersIn(original, steps) < baseLayers) {
                steps++;
            }
        }
        ArrayNode history = json.createArrayNode();
        for (int step = 0; step < steps; step++) {
            history.add(original.get(step));
        }
        ObjectNode squashed = history.addObject();
        if (created.isTextual()) {
            squashed.set("created", created);
        }
        squashed.put("created_by", "layerline squash onto the base: " + merged + " layers merged into one");
        squashed.put("comment", "the steps before the squash are in the manifest's " + HISTORY_ANNOTATION
                + " annotation");
        return history;
    }

    /** The layers the first {@code steps} steps of a history made. */
    private static int layersIn(ArrayNode history, int steps) {
        int layers = 0;
        for (int step = 0; step < steps; step++) {
            layers += history.get(step).path("empty_layer").asBoolean(false) ? 0 : 1;
        }
        return layers;
    }

    private JsonNode config(RegistryClient from, String repository, Manifest manifest)
            throws BuildFailure, RegistryException, IOException {
        String digest = manifest.config().orElseThrow(() -> new BuildFailure(repository + "@" + manifest.digest()
                + " has no config: it is not an image")).digest();
        try (InputStream blob = from.blob(repository, digest)) {
            JsonNode config = json.readTree(blob);
            if (!config.isObject()) {
                throw new BuildFailure(repository + "@" + manifest.digest() + " has a config that is not an object");
            }
            return config;
        }
    }

    private ObjectNode descriptor(String mediaType, String digest, long size) {
        ObjectNode descriptor = json.createObjectNode();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    private static boolean hides(SquashPlan.Entry entry) {
        return entry.file().kind() == LayerFile.Kind.WHITEOUT
                || entry.file().kind() == LayerFile.Kind.OPAQUE;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
