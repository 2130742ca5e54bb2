package io.layerline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes small real images to an OCI registry over the distribution API (blob uploads, then the manifest), and
 * reads back what the registry holds: for tests that need images in a registry without a Docker engine.
 */
public final class OciImages {

    public static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private final URI registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OciImages(URI registry) {
        this.registry = registry;
    }

    /** Pushes an image with one layer holding {@code content}, tagged {@code tag}; its manifest digest. */
    public String push(String repository, String tag, String content) {
        return push(repository, tag, content, Map.of());
    }

    /** Pushes an image whose config carries {@code labels}, with one layer holding {@code content}. */
    public String push(String repository, String tag, String content, Map<String, String> labels) {
        StringBuilder labelJson = new StringBuilder();
        labels.forEach((key, value) -> labelJson.append(labelJson.isEmpty() ? "" : ",").append('"').append(key)
                .append("\":\"").append(value).append('"'));
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{" + labelJson
                + "}},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[]},\"history\":[{\"created_by\":\"layerline test: " + content + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = content.getBytes(StandardCharsets.UTF_8);
        String configDigest = uploadBlob(repository, config);
        String layerDigest = uploadBlob(repository, layer);
        String manifest = """
                {"schemaVersion":2,"mediaType":"%s",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},
                 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}"""
                .formatted(MANIFEST_TYPE, configDigest, config.length, layerDigest, layer.length);
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", MANIFEST_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build());
        expect(response, 201, "push manifest " + repository + ":" + tag);
        return response.headers().firstValue("Docker-Content-Digest")
                .orElseGet(() -> sha256(manifest.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The tags of a repository, empty when it does not exist. The registry may list a tag a moment before it
     * resolves: wait on {@link #digestOf} to know a tag is usable.
     */
    public List<String> tags(String repository) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/v2/" + repository + "/tags/list")).build());
        if (response.statusCode() == 404) {
            return List.of();
        }
        expect(response, 200, "list tags of " + repository);
        String body = response.body();
        int start = body.indexOf('[');
        int end = body.lastIndexOf(']');
        if (start < 0 || end <= start + 1) {
            return List.of();
        }
        return List.of(body.substring(start + 1, end).replace("\"", "").split(",")).stream()
                .map(String::trim).toList();
    }

    /** The digest a tag points at, if the tag exists. */
    public Optional<String> digestOf(String repository, String reference) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/v2/" + repository + "/manifests/" + reference))
                .header("Accept", MANIFEST_TYPE)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        return response.statusCode() == 200 ? response.headers().firstValue("Docker-Content-Digest") : Optional.empty();
    }

    private String uploadBlob(String repository, byte[] content) {
        String digest = sha256(content);
        HttpResponse<String> start = send(HttpRequest.newBuilder(url("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        expect(start, 202, "start a blob upload to " + repository);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = registry.resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        HttpResponse<String> finish = send(HttpRequest.newBuilder(upload)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        expect(finish, 201, "upload a blob to " + repository);
        return digest;
    }

    private URI url(String path) {
        return registry.resolve(path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("registry " + registry + " cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("cannot " + what + ": " + response.statusCode() + " " + response.body());
        }
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
