package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.localinfra.LocalPostgres;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.RawApi;
import io.layerline.testing.Registries;
import io.layerline.testing.SecuredRegistries;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plans over the test registry: the service's settings, images to prune, and what a plan decides. */
final class RetentionPlans {

    static final ObjectMapper JSON = new ObjectMapper();

    private RetentionPlans() {
    }

    /** Digest → plan item in a fresh plan, for the artifacts of one repository. */
    static Map<String, JsonNode> decisions(RawApi api, String repository) {
        String id = api.sendJson("POST", "/api/v1/retention/plans", null).json().path("id").asText();
        Map<String, JsonNode> items = new HashMap<>();
        for (JsonNode item : api.json("/api/v1/retention/plans/" + id + "/items?limit=1000")) {
            if (item.path("repository").asText().equals(repository)) {
                items.put(item.path("digest").asText(), item);
            }
        }
        return items;
    }

    /** The properties of a service pruning the test registry, at most {@code deletesPerSecond}. */
    static Map<String, String> pruningTheTestRegistry(int deletesPerSecond) {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.retention.registry.type", "oci");
        properties.put("layerline.retention.registry.oci.url", Registries.registry().url().toString());
        properties.put("layerline.retention.deletes-per-second", String.valueOf(deletesPerSecond));
        return properties;
    }

    /** The properties of a service pruning a registry of its own behind credentials, 200 deletions a second. */
    static Map<String, String> pruning(SecuredRegistries.SecuredRegistry registry) {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.retention.registry.type", "oci");
        properties.putAll(registry.properties("layerline.retention.registry.oci"));
        properties.put("layerline.retention.deletes-per-second", "200");
        return properties;
    }

    /**
     * Pushes {@code count} images to {@code repository} of the test registry, announced as pushed 40 days ago and
     * never deployed: what the default policy deletes. Their digests, in order.
     */
    static List<String> pushOldImages(String repository, int count) {
        return new OciImages(Registries.registry().url()).pushOld(Registries.registry().host(), repository, count,
                Duration.ofDays(40));
    }

    /** How many events the service of database {@code jdbcUrl} has taken in. */
    static long processedEvents(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM retention.inbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
