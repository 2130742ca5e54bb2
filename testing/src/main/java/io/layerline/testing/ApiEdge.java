package io.layerline.testing;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every service's HTTP edge must hold, checked against a running service: hostile text in any field of a body is
 * a 400 that names the field and writes nothing; an internal failure answers without a word of its cause.
 */
public final class ApiEdge {

    /** Each hostile string, by what it is: NUL, other control characters, half a surrogate pair, 100 kB. */
    public static final Map<String, String> HOSTILE = Map.of(
            "a NUL", "team\u0000app",
            "a bell and an escape", "\u0007\u001b[31m",
            "a lone high surrogate", "x\ud800y",
            "a lone low surrogate", "\udc00",
            "100 kB", "x".repeat(100_000));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Tables tables;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Waits for the service to apply what earlier test classes left on the broker (see {@link Tables#quiet}). */
    public ApiEdge(URI base, Tables tables) {
        this.base = base;
        this.tables = tables;
        tables.quiet();
    }

    /**
     * Puts each {@link #HOSTILE} string in each field of {@code seed} (a valid body), in turn, and sends it: every
     * answer must be a 400 naming that field, and the service's tables must be as before.
     *
     * @return how many requests were sent
     */
    public int refusesHostileTextInEveryField(String method, String path, String contentType, String seed,
                                              Map<String, String> headers) {
        JsonNode parsed = parse(seed);
        List<String> fields = new ArrayList<>();
        collect(parsed, "", fields);
        Map<String, String> before = tables.digest();
        int sent = 0;
        for (String field : fields) {
            for (Map.Entry<String, String> hostile : HOSTILE.entrySet()) {
                JsonNode body = parsed.deepCopy();
                replace(body, field, hostile.getValue());
                HttpResponse<String> response = send(method, path, contentType, ascii(body), headers);
                sent++;
                assertThat(response.statusCode()).as("%s %s with %s in %s → %s", method, path, hostile.getKey(), field,
                        response.body()).isEqualTo(400);
                assertThat(parse(response.body()).path("errors").path(0).path("field").asText())
                        .as("the field named for %s in %s", hostile.getKey(), field).isEqualTo(field);
            }
        }
        assertThat(tables.digest()).as("the tables after %d refused requests to %s %s", sent, method, path)
                .isEqualTo(before);
        return sent;
    }

    /**
     * Puts a 5,000-character string — under the body guard's bound, over what a PostgreSQL index entry can hold — in
     * each field of {@code seed}, in turn: no answer may be a server error, and a refused one must write nothing.
     *
     * @return how many requests were sent
     */
    public int takesLongTextInEveryField(String method, String path, String contentType, String seed,
                                         Map<String, String> headers) {
        JsonNode parsed = parse(seed);
        List<String> fields = new ArrayList<>();
        collect(parsed, "", fields);
        for (String field : fields) {
            JsonNode body = parsed.deepCopy();
            replace(body, field, "x".repeat(5_000));
            Map<String, String> before = tables.digest();
            HttpResponse<String> response = send(method, path, contentType, ascii(body), headers);
            assertThat(response.statusCode()).as("%s %s with 5,000 characters in %s → %s", method, path, field,
                    response.body()).isLessThan(500);
            if (response.statusCode() >= 400) {
                assertThat(tables.digest()).as("the tables after a refused %s %s with 5,000 characters in %s",
                        method, path, field).isEqualTo(before);
            }
        }
        return fields.size();
    }

    /**
     * Breaks the service's database with {@code breaking} (rename a table it writes, say), sends a valid request, and
     * mends it with {@code mending}: the answer must be a 500 saying only {@code internal error} with an error id.
     */
    public void hidesAnInternalFailure(String method, String path, String body, List<String> breaking,
                                       List<String> mending) {
        tables.execute(breaking);
        HttpResponse<String> response;
        try {
            response = send(method, path, "application/json", body, Map.of());
        } finally {
            tables.execute(mending);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        JsonNode answer = parse(response.body());
        assertThat(answer.path("message").asText()).isEqualTo("internal error");
        assertThat(answer.path("errorId").asText()).matches("[0-9a-f-]{36}");
        assertThat(response.body().toLowerCase()).doesNotContain("sql", "relation", "exception", "postgres", "error:",
                "at io.", "jdbc");
    }

    public HttpResponse<String> send(String method, String path, String contentType, String body,
                                     Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            request.header("Authorization", ApiTokens.bearer(ApiTokens.ADMIN));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JSON with every non-ASCII character escaped: a lone surrogate must reach the service as {@code \\ud800}. */
    private static String ascii(JsonNode body) {
        try {
            return JSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every field's path, as the APIs name them: {@code rules[1].pattern}. */
    private static void collect(JsonNode node, String path, List<String> fields) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String child = path.isEmpty() ? name : path + "." + name;
                fields.add(child);
                collect(node.get(name), child, fields);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                fields.add(path + "[" + i + "]");
                collect(node.get(i), path + "[" + i + "]", fields);
            }
        }
    }

    private static void replace(JsonNode root, String path, String value) {
        List<String> steps = new ArrayList<>(List.of(path.replace("[", ".[").split("\\.")));
        steps.removeIf(String::isEmpty);
        JsonNode parent = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            String step = steps.get(i);
            parent = step.startsWith("[") ? parent.get(Integer.parseInt(step.substring(1, step.length() - 1)))
                    : parent.get(step);
        }
        String last = steps.get(steps.size() - 1);
        if (last.startsWith("[")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1, last.length() - 1)), new TextNode(value));
        } else {
            ((ObjectNode) parent).set(last, new TextNode(value));
        }
    }
}
