package io.layerline.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.ImagePulled;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The harness gives tests real servers: each is used here the way the services use it. */
class HarnessIT {

    @Test
    void aDatabaseOfItsOwnAnswersQueries() throws Exception {
        String url = Infrastructure.newDatabase();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet result = connection.createStatement().executeQuery("SELECT current_database(), version()")) {
            result.next();
            assertThat(url).endsWith("/" + result.getString(1));
            assertThat(result.getString(2)).startsWith("PostgreSQL 17");
        }
    }

    @Test
    void anEventPublishedOnTheBrokerCanBeReadBackDecoded() {
        ImagePulled pulled = new ImagePulled("localhost:5000", "harness/check", "sha256:" + "ab".repeat(32), "1.0",
                "robot", Instant.parse("2026-11-25T10:00:00Z"));
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(pulled);
            assertThat(events.events(EventTypes.IMAGE_PULLED)).contains(pulled);
        }
    }

    @Test
    void theRegistryServesTheDistributionApi() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(Registries.registry().url().resolve("/v2/_catalog")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("repositories");
    }

    @Test
    void imagesPushedToTheRegistryCanBeReadBackByTagAndDigest() {
        OciImages images = new OciImages(Registries.registry().url());

        String digest = images.push("harness/pushed", "1.0", "layer of harness/pushed");

        assertThat(images.tags("harness/pushed")).containsExactly("1.0");
        assertThat(images.digestOf("harness/pushed", "1.0")).contains(digest);
        assertThat(images.digestOf("harness/pushed", digest)).contains(digest);
    }

    @Test
    void theDockerEngineApiAnswersAPing() throws Exception {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(DockerEngines.dockerHost()).build();
        try (ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(DockerEngines.dockerHost())).build();
             DockerClient docker = DockerClientImpl.getInstance(config, http)) {
            docker.pingCmd().exec();
            assertThat(docker.versionCmd().exec().getApiVersion()).isNotBlank();
        }
    }
}
