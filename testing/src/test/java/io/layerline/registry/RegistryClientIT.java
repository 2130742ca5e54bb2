package io.layerline.registry;

import com.sun.net.httpserver.HttpServer;
import io.layerline.localinfra.LocalRegistry;
import io.layerline.testing.SecuredRegistries;
import io.layerline.testing.SupplyChainImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared client against Debian's real {@code docker-registry}: anonymous over HTTP, htpasswd over HTTPS with a
 * test CA, and the token flow over HTTPS; then the protocol's edges (429, {@code Link} pages) against a stub.
 */
class RegistryClientIT {

    @Test
    void worksAnonymously(@TempDir Path dir) throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(dir, 0)) {
            exercise(new RegistryClient(RegistryAccess.anonymous(registry.url())));
        }
    }

    @Test
    void answersABasicChallengeOverHttpsWithAPrivateCa(@TempDir Path dir) throws Exception {
        try (SecuredRegistries.SecuredRegistry registry = SecuredRegistries.basic(dir)) {
            exercise(new RegistryClient(registry.access()));

            RegistryClient anonymous = new RegistryClient(registry.access().withCredentials(Credentials.ANONYMOUS));
            assertThatThrownBy(anonymous::repositories).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.isDenied()).isTrue());
            RegistryClient wrong = new RegistryClient(registry.access()
                    .withCredentials(Credentials.basic(SecuredRegistries.USERNAME, "wrong")));
            assertThatThrownBy(wrong::repositories).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.getMessage()).contains("401").doesNotContain("wrong"));
        }
    }

    @Test
    void followsTheTokenFlowWithScopesPerRepositoryAndAction(@TempDir Path dir) throws Exception {
        try (SecuredRegistries.SecuredRegistry registry = SecuredRegistries.token(dir)) {
            exercise(new RegistryClient(registry.access()));

            assertThat(registry.tokenScopes()).contains("registry:catalog:*", "repository:team/app:pull",
                    "repository:team/app:pull,push", "repository:team/app:delete");
            long pulls = registry.tokenScopes().stream().filter("repository:team/app:pull"::equals).count();
            assertThat(pulls).as("tokens are cached until they expire").isEqualTo(1);

            RegistryClient wrong = new RegistryClient(registry.access()
                    .withCredentials(Credentials.basic(SecuredRegistries.USERNAME, "wrong")));
            assertThatThrownBy(() -> wrong.tags("team/app")).isInstanceOfSatisfying(RegistryException.class,
                    e -> assertThat(e.isDenied()).isTrue());
        }
    }

    @Test
    void waitsOutA429AndFollowsLinkPages() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/team/app/tags/list", exchange -> {
            try (exchange) {
                int call = calls.incrementAndGet();
                if (call == 1) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    exchange.sendResponseHeaders(429, -1);
                    return;
                }
                boolean first = !String.valueOf(exchange.getRequestURI().getQuery()).contains("last=");
                byte[] body = (first ? "{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}"
                        : "{\"name\":\"team/app\",\"tags\":[\"c\"]}").getBytes(StandardCharsets.UTF_8);
                if (first) {
                    exchange.getResponseHeaders().set("Link", "</v2/team/app/tags/list?last=b&n=2>; rel=\"next\"");
                }
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            RegistryClient client = new RegistryClient(RegistryAccess.anonymous(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
            long started = System.nanoTime();
            assertThat(client.tags("team/app")).containsExactly("a", "b", "c");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(calls.get()).isEqualTo(3);
        } finally {
            server.stop(0);
        }
    }

    /**
     * A registry with the referrers API (distribution v3, Harbor, Zot) answers an image index of the referrers'
     * descriptors, with their {@code artifactType}, as the OCI distribution spec v1.1 describes it; no tag is read.
     */
    @Test
    void readsReferrersFromTheApiWhereThereIsOne() throws Exception {
        String subject = "sha256:" + "ab".repeat(32);
        String sbom = "sha256:" + "cd".repeat(32);
        AtomicInteger tagReads = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/team/app/referrers/" + subject, exchange -> {
            try (exchange) {
                byte[] body = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                        + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                        + sbom + "\",\"size\":812,\"artifactType\":\"application/spdx+json\",\"annotations\":{"
                        + "\"org.opencontainers.image.created\":\"2026-11-30T10:05:00Z\"}}]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.index.v1+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.createContext("/v2/team/app/manifests/", exchange -> {
            try (exchange) {
                tagReads.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
            }
        });
        server.start();
        try {
            RegistryClient client = new RegistryClient(RegistryAccess.anonymous(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
            List<Descriptor> referrers = client.referrers("team/app", subject);
            assertThat(referrers).extracting(Descriptor::digest).containsExactly(sbom);
            assertThat(referrers.get(0).artifactType()).contains("application/spdx+json");
            assertThat(tagReads.get()).isZero();
        } finally {
            server.stop(0);
        }
    }

    /** Pushes, reads, tags, lists, finds referrers and deletes, as the services do. */
    private static void exercise(RegistryClient client) throws Exception {
        SupplyChainImages images = new SupplyChainImages(client);
        byte[] base = SupplyChainImages.layer(1 << 20, 1);
        SupplyChainImages.Pushed image = images.image("team/app", "1.0", "amd64",
                List.of(base, SupplyChainImages.layer(4096, 2)));
        SupplyChainImages.Pushed signature = images.cosignSignature("team/app", image);
        List<SupplyChainImages.Pushed> sbom = images.sbom("team/app", image);
        SupplyChainImages.Pushed child = images.image("team/app", null, "arm64", List.of(base));
        SupplyChainImages.Pushed index = images.index("team/app", "multi", List.of(image, child),
                List.of("amd64", "arm64"));

        assertThat(client.repositories()).contains("team/app");
        assertThat(client.tags("team/app")).contains("1.0", "multi", RegistryClient.referrersTag(image.digest()) + ".sig",
                RegistryClient.referrersTag(image.digest()));
        Manifest read = client.manifest("team/app", "1.0").orElseThrow();
        assertThat(read.digest()).isEqualTo(image.digest());
        assertThat(read.blobs()).extracting(Descriptor::size).contains((long) base.length);
        Manifest readIndex = client.manifest("team/app", "multi").orElseThrow();
        assertThat(readIndex.isIndex()).isTrue();
        assertThat(readIndex.children()).extracting(Descriptor::digest).containsExactly(image.digest(), child.digest());
        assertThat(readIndex.children()).extracting(Descriptor::platform)
                .containsExactly(Optional.of("linux/amd64"), Optional.of("linux/arm64"));
        Manifest readSignature = client.manifest("team/app", signature.digest()).orElseThrow();
        assertThat(readSignature.layers()).extracting(Descriptor::mediaType)
                .containsExactly("application/vnd.dev.cosign.simplesigning.v1+json");
        assertThat(client.referrers("team/app", image.digest())).extracting(Descriptor::digest)
                .containsExactly(sbom.get(0).digest());
        Manifest readSbom = client.manifest("team/app", sbom.get(0).digest()).orElseThrow();
        assertThat(readSbom.subject()).map(Descriptor::digest).contains(image.digest());
        assertThat(readSbom.artifactType()).contains("application/spdx+json");

        client.putManifest("team/app", "prod-1", read.mediaType(), read.bytes());
        assertThat(client.digest("team/app", "prod-1")).contains(image.digest());
        try (var blob = client.blob("team/app", image.blobs().keySet().iterator().next())) {
            assertThat(blob.readAllBytes()).isNotEmpty();
        }

        assertThat(client.deleteManifest("team/app", signature.digest())).isTrue();
        assertThat(client.deleteManifest("team/app", signature.digest())).isFalse();
        assertThat(client.manifest("team/app", signature.digest())).isEmpty();
        assertThat(client.tags("nobody/here")).isEmpty();
    }
}
