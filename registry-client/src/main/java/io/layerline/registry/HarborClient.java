package io.layerline.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Harbor's REST API v2.0 ({@code /api/v2.0}) for one Harbor: basic authentication with a user or robot account,
 * its CA, JSON in and out, lists read page by page. Paths are below {@code /api/v2.0} and already encoded (see
 * {@link HarborNames}). Thread-safe.
 */
public final class HarborClient {

    public static final String API = "/api/v2.0";
    private static final int PAGE = 100;

    /** An answer: its status and body. */
    public record Answer(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final RegistryAccess access;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public HarborClient(RegistryAccess access) {
        this.access = access;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        access.caCertificate().ifPresent(ca -> builder.sslContext(RegistryClient.trusting(ca)));
        this.http = builder.build();
    }

    public RegistryAccess access() {
        return access;
    }

    /** Sends a request; {@code body} is JSON or null, {@code headers} name and value pairs. */
    public Answer send(String method, String path, String body, Map<String, String> headers)
            throws RegistryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(access.url().resolve(API + path))
                .timeout(access.timeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        access.credentials().basicAuthorization().ifPresent(value -> request.header("Authorization", value));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw RegistryException.unavailable("Harbor " + access.host() + " cannot be reached for " + method + " "
                    + path + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unavailable("interrupted while calling Harbor " + access.host(), e);
        }
    }

    public Answer get(String path) throws RegistryException {
        return send("GET", path, null, Map.of());
    }

    /** The JSON of an answer that must be one. */
    public JsonNode json(Answer answer, String what) throws RegistryException {
        try {
            return json.readTree(answer.body() == null ? "" : answer.body());
        } catch (IOException e) {
            throw RegistryException.unreadable("Harbor " + access.host() + " answered " + what
                    + " with something that is not JSON", e);
        }
    }

    /**
     * Every element of a paged list, 100 a page, while a page is full and {@code X-Total-Count} does not say the list
     * is complete. {@code query} is appended to the paging parameters ({@code &with_tag=true}).
     */
    public List<JsonNode> pages(String path, String query) throws RegistryException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            String paged = path + "?page=" + page + "&page_size=" + PAGE + query;
            HttpRequest.Builder request = HttpRequest.newBuilder(access.url().resolve(API + paged))
                    .timeout(access.timeout()).header("Accept", "application/json").GET();
            access.credentials().basicAuthorization().ifPresent(value -> request.header("Authorization", value));
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw RegistryException.unavailable("Harbor " + access.host() + " cannot be reached for GET " + path
                        + ": " + e.getClass().getSimpleName(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryException.unavailable("interrupted while calling Harbor " + access.host(), e);
            }
            Answer answer = new Answer(response.statusCode(), response.body());
            if (!answer.ok()) {
                throw refused(answer, "GET " + path);
            }
            JsonNode items = json(answer, "GET " + path);
            items.forEach(all::add);
            boolean allCounted = response.headers().firstValueAsLong("X-Total-Count")
                    .stream().anyMatch(total -> all.size() >= total);
            if (items.size() < PAGE || allCounted) {
                return all;
            }
        }
    }

    /** The refusal an answer means, with Harbor's first error message (its words about the request, no secrets). */
    public RegistryException refused(Answer answer, String what) {
        String detail = "";
        try {
            JsonNode error = json.readTree(answer.body() == null ? "" : answer.body()).path("errors").path(0);
            detail = (error.path("code").asText("") + " " + error.path("message").asText("")).trim();
        } catch (IOException | RuntimeException e) {
            // no error body: the status says it
        }
        if (detail.length() > 200) {
            detail = detail.substring(0, 200) + "…";
        }
        return RegistryException.answered(answer.status(), "Harbor " + access.host() + " answered "
                + answer.status() + " to " + what + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The path of a repository's artifacts: {@code /projects/{project}/repositories/{name, encoded twice}/artifacts}. */
    public static String artifactsPath(String repository) {
        return "/projects/" + HarborNames.encode(HarborNames.project(repository)) + "/repositories/"
                + HarborNames.repositorySegment(repository) + "/artifacts";
    }
}
