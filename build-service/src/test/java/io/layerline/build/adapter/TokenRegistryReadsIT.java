package io.layerline.build.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.registry.RegistryClient;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.SecuredRegistries;
import io.layerline.testing.SupplyChainImages;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build service reads images from a registry that wants a bearer token, over HTTPS with a private CA: the
 * efficiency report of an image whose second layer overwrites a file of the first.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRegistryReadsIT implements TestPropertyProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EmbeddedServer server;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private SecuredRegistries.SecuredRegistry registry;

    @Override
    public Map<String, String> getProperties() {
        registry = SecuredRegistries.token(Infrastructure.workDir().resolve("build-token-registry-" + run));
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.putAll(registry.properties("layerline.build.registry"));
        return properties;
    }

    @AfterAll
    void stopRegistry() throws Exception {
        registry.close();
    }

    @Test
    void readsTheEfficiencyReportOfAnImageThroughTheTokenFlow() throws Exception {
        String repository = "token-" + run + "/wasteful";
        byte[] payload = new byte[40_000];
        String digest = new SupplyChainImages(new RegistryClient(registry.access())).image(repository, "1.0", "amd64",
                List.of(tar("tmp/payload.bin", payload), tar("tmp/payload.bin", new byte[10]))).digest();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(ApiTokens.request(URI.create(server.getURI()
                + "/api/v1/efficiency?registry=" + registry.host() + "&repository=" + repository + "&digest="
                + digest)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(answer.body());
        assertThat(report.path("layers").size()).isEqualTo(2);
        assertThat(report.path("wastedBytes").asLong()).isEqualTo(payload.length);
        assertThat(registry.tokenScopes()).contains("repository:" + repository + ":pull");
    }

    private static byte[] tar(String path, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
