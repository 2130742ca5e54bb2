package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.testing.RawApi;

import java.util.HashMap;
import java.util.Map;

/** What a fresh plan decides, as an operator reads it through the API. */
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
}
