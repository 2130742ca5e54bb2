package io.layerline.build.adapter;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.layerline.contracts.Topics;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.CapturedLogs;
import io.layerline.testing.EventStream;
import io.layerline.testing.HarborStub;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.ProducerCorpus;
import io.layerline.testing.Registries;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No configured secret — API tokens, the JWT secret, the CI ingress token, the Harbor webhook secret, registry and
 * Harbor passwords — appears in the logs (at DEBUG), in an event, in an error body or through a management endpoint,
 * after every path that handles them: right and wrong tokens, ingress, webhooks that call Harbor back, registry reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsIT {

    private static final String INGRESS_TOKEN = "ingress-" + UUID.randomUUID();
    private static final String WEBHOOK_SECRET = "webhook-" + UUID.randomUUID();
    private static final String REGISTRY_PASSWORD = "registry-pw-" + UUID.randomUUID();
    private static final String HARBOR_PASSWORD = "harbor-pw-" + UUID.randomUUID();
    /** The digest of Harbor's own example delivery, which the corpus's push names. */
    private static final String HARBOR_EXAMPLE_DIGEST =
            "sha256:dde8e930c7b6a490f728e66292bc9bce42efc9bbb5278bae40e4f30f6e00fe8c";
    private static final String JWT_SECRET = "jwt-secret-of-at-least-256-bits-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<HttpResponse<String>> answers = new ArrayList<>();
    private final ProducerCorpus deliveries = new ProducerCorpus(run, run);
    private final HarborStub harbor = HarborStub.start()
            .on("GET", "/projects/[^/]+/repositories/[^/]+/artifacts/([^/]+)", exchange -> HarborStub.Answer.json(200,
                    """
                    {"id": 9, "type": "IMAGE", "media_type": "application/vnd.oci.image.config.v1+json",
                     "manifest_media_type": "application/vnd.oci.image.manifest.v1+json", "project_id": 3,
                     "repository_id": 7, "digest": "%s", "size": 2156,
                     "push_time": "2026-11-25T10:00:00.000Z"}""".formatted(exchange.match().group(1))))
            .on("GET", "/projects/[^/]+/repositories/[^/]+/artifacts/[^/]+/tags", exchange -> HarborStub.Answer.json(
                    200, """
                    [{"id": 1, "repository_id": 7, "artifact_id": 9, "name": "1.36.1",
                      "push_time": "2026-11-25T10:00:00.000Z", "pull_time": "2026-11-25T10:05:00.000Z",
                      "immutable": false}]"""));
    private CapturedLogs logs;
    private ApplicationContext context;
    private URI base;

    @BeforeAll
    void start() {
        logs = CapturedLogs.capture();
        Map<String, Object> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.build.registry.url", Registries.registry().url().toString());
        properties.put("layerline.build.registry.username", "builder");
        properties.put("layerline.build.registry.password", REGISTRY_PASSWORD);
        properties.put("layerline.build.ingress.token", INGRESS_TOKEN);
        properties.put("layerline.build.harbor.webhook-secret", WEBHOOK_SECRET);
        properties.put("layerline.build.harbor.url", harbor.url().toString());
        properties.put("layerline.build.harbor.username", "robot$layerline");
        properties.put("layerline.build.harbor.password", HARBOR_PASSWORD);
        properties.put("micronaut.security.token.jwt.signatures.secret.shared.secret", JWT_SECRET);
        properties.put("logger.levels.io.layerline", "DEBUG");
        properties.put("logger.levels.io.micronaut.security", "DEBUG");
        context = ApplicationContext.run(properties);
        base = context.getBean(EmbeddedServer.class).start().getURI();
        logs.attach();
    }

    @AfterAll
    void stop() {
        context.close();
        harbor.close();
        logs.close();
    }

    @Test
    void noConfiguredSecretIsLoggedAnsweredOrPublished() throws Exception {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "").repeat(2);
        String pushed = deliveries.digest(HARBOR_EXAMPLE_DIGEST);
        String push = deliveries.read("harbor", "cloudevents/push-tagged.json", "library");

        answers.add(send("GET", "/api/v1/builds", null, "Bearer " + ApiTokens.ADMIN + "-wrong"));
        answers.add(send("GET", "/api/v1/builds", null, ApiTokens.bearer(ApiTokens.ADMIN)));
        answers.add(send("GET", "/api/v1/builds", null, "Bearer " + jwt(JWT_SECRET)));
        answers.add(send("GET", "/api/v1/builds", null, "Bearer " + jwt(JWT_SECRET + "-forged")));
        answers.add(send("POST", "/api/v1/builds", "{\"repository\": \"x\"}", ApiTokens.bearer(ApiTokens.VIEWER)));
        answers.add(send("POST", "/api/v1/events", sample(), "Bearer " + INGRESS_TOKEN + "x"));
        answers.add(send("POST", "/api/v1/events", sample(), "Bearer " + INGRESS_TOKEN));
        answers.add(send("POST", "/api/v1/webhooks/harbor", push, WEBHOOK_SECRET + "x"));
        answers.add(send("POST", "/api/v1/webhooks/harbor", push, WEBHOOK_SECRET));
        answers.add(send("GET", "/api/v1/efficiency?registry=" + Registries.registry().url().getAuthority()
                + "&repository=" + run + "/absent&digest=" + digest, null, ApiTokens.bearer(ApiTokens.ADMIN)));
        for (String endpoint : List.of("/env", "/beans", "/configprops", "/loggers", "/routes", "/threaddump",
                "/refresh", "/info")) {
            HttpResponse<String> answer = send("GET", endpoint, null, ApiTokens.bearer(ApiTokens.ADMIN));
            assertThat(answer.statusCode()).as(endpoint + " is not exposed").isEqualTo(404);
            answers.add(answer);
        }
        assertThat(answers).extracting(HttpResponse::statusCode).contains(200, 202, 401, 403, 404);
        await().atMost(Duration.ofSeconds(30)).until(() -> harbor.received().size() >= 2);
        List<ConsumerRecord<String, byte[]>> published = await().atMost(Duration.ofSeconds(30)).until(
                this::published, records -> records.stream().anyMatch(record -> text(record).contains(pushed)));

        List<String> logged = logs.lines();
        assertThat(logged).as("the capture works: it holds the audit lines of this test")
                .anyMatch(line -> line.contains("layerline.audit") && line.contains("/api/v1/webhooks/harbor"));
        for (String secret : List.of(ApiTokens.ADMIN, ApiTokens.VIEWER, INGRESS_TOKEN, WEBHOOK_SECRET,
                REGISTRY_PASSWORD, HARBOR_PASSWORD, JWT_SECRET)) {
            assertThat(logged.stream().filter(line -> line.contains(secret)).toList()).as("log lines with a secret")
                    .isEmpty();
            assertThat(answers).as("answers").noneMatch(answer -> answer.body().contains(secret)
                    || answer.headers().map().toString().contains(secret));
            assertThat(published).as("events").noneMatch(record -> text(record).contains(secret));
        }
        System.out.printf("secrets: %d log lines, %d answers and %d events searched for 7 secrets: none found%n",
                logged.size(), answers.size(), published.size());
    }

    private List<ConsumerRecord<String, byte[]>> published() {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.records(Topics.IMAGES);
        }
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder(record.key() == null ? "" : record.key());
        text.append(new String(record.value(), StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            text.append(header.key()).append(new String(header.value(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private static String sample() throws Exception {
        try (InputStream in = SecretsIT.class.getResourceAsStream(
                "/cdevents/0.5.1/conformance/artifact_packaged.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String jwt(String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("ci-robot").claim("roles", List.of("viewer"))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
