package io.layerline.testing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The stub holds both sides to Harbor's API description: what is outside it is a violation. */
class HarborStubIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aValidExchangeLeavesNoViolation() throws Exception {
        try (HarborStub harbor = HarborStub.start()
                .on("GET", "/labels", exchange -> HarborStub.Answer.json(200, "[{\"id\": 7, \"name\": \"prod\"}]"))) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    harbor.url().resolve("/api/v2.0/labels?scope=g&name=prod")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(harbor.violations()).isEmpty();
        }
    }

    @Test
    void anUnknownPathAWrongMethodAndABadBodyAreViolations() throws Exception {
        try (HarborStub harbor = HarborStub.start()) {
            send(harbor.url().resolve("/api/v2.0/no-such-thing"), "GET", null);
            send(harbor.url().resolve("/api/v2.0/labels"), "PATCH", "{}");
            send(harbor.url().resolve("/api/v2.0/projects/p/repositories/r/artifacts/sha256:ab/labels"), "POST",
                    "{\"id\": \"not a number\"}");

            assertThat(harbor.violations()).hasSize(3);
        }
    }

    @Test
    void aCannedAnswerOutsideTheSpecIsAViolationToo() throws Exception {
        try (HarborStub harbor = HarborStub.start()
                .on("GET", "/labels", exchange -> HarborStub.Answer.json(200, "{\"not\": \"an array\"}"))) {
            send(harbor.url().resolve("/api/v2.0/labels"), "GET", null);

            assertThat(harbor.violations()).singleElement().asString().contains("canned answer");
        }
    }

    private void send(URI uri, String method, String body) throws Exception {
        http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
    }
}
