package io.layerline.retention.adapter;

import io.layerline.testing.ApiTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** The service's REST API as an operator calls it, raw, so bad requests can be sent too. */
final class RetentionApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    RetentionApi(URI base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(ApiTokens.request(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String method, String path) throws IOException, InterruptedException {
        return JSON.readTree(send(method, path, null).body());
    }

    /** Digest → plan item in a fresh plan, for the artifacts of one repository. */
    Map<String, JsonNode> decisions(String repository) throws IOException, InterruptedException {
        String id = json("POST", "/api/v1/retention/plans").path("id").asText();
        Map<String, JsonNode> items = new HashMap<>();
        for (JsonNode item : json("GET", "/api/v1/retention/plans/" + id + "/items?limit=1000")) {
            if (item.path("repository").asText().equals(repository)) {
                items.put(item.path("digest").asText(), item);
            }
        }
        return items;
    }
}
