package io.layerline.retention.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.Infrastructure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what: no token, an unknown token and a forged or expired JWT are refused with 401; a viewer reads,
 * an operator acts, an admin configures (each refused above its role with 403); static tokens, JWTs signed with the
 * shared secret and JWTs signed by a key of a JWKS all work; health stays open; who did what is in the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    private static final String SECRET = "a-shared-secret-of-more-than-256-bits-for-hs256-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private RSAKey signingKey;
    private HttpServer jwks;
    private ApplicationContext context;
    private URI base;

    @BeforeAll
    void start() throws Exception {
        signingKey = new RSAKeyGenerator(2048).keyID("idp-" + run).generate();
        byte[] keys = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(keys);
            }
        });
        jwks.start();
        context = start(Map.of());
        base = context.getBean(EmbeddedServer.class).getURI();
    }

    @AfterAll
    void stop() {
        context.close();
        jwks.stop(0);
    }

    @Test
    void withoutAValidTokenTheApiAnswers401AndHealthAndMetricsStayOpen() throws Exception {
        HttpResponse<String> anonymous = call("GET", "/api/v1/holds", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(call("GET", "/api/v1/holds", null, "not-a-token").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/holds", null, ApiTokens.ADMIN + "x").statusCode()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/retention/plans", null, null).statusCode()).isEqualTo(401);

        assertThat(call("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/prometheus", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void eachRoleDoesWhatItMayAndIsRefusedAboveIt() throws Exception {
        assertThat(call("GET", "/api/v1/holds", null, ApiTokens.VIEWER).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/retention/policies", null, ApiTokens.VIEWER).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/holds", hold("viewer"), ApiTokens.VIEWER).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/retention/plans", null, ApiTokens.VIEWER).statusCode()).isEqualTo(403);

        assertThat(call("POST", "/api/v1/holds", hold("operator"), ApiTokens.OPERATOR).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/retention/policies", policy("operator"), ApiTokens.OPERATOR).statusCode())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/audit", null, ApiTokens.OPERATOR).statusCode()).isEqualTo(403);

        HttpResponse<String> created = call("POST", "/api/v1/retention/policies", policy("admin"), ApiTokens.ADMIN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("changedBy").asText()).isEqualTo("test-admin");
        assertThat(call("POST", "/api/v1/holds", hold("admin"), ApiTokens.ADMIN).statusCode()).isEqualTo(201);
    }

    @Test
    void jwtsSignedWithTheSharedSecretOrAJwksKeyAreAcceptedWithTheirRoles() throws Exception {
        String deployer = hs256("deployer-" + run, List.of("operator"), Instant.now().plusSeconds(300));
        HttpResponse<String> held = call("POST", "/api/v1/holds", hold("jwt"), deployer);
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/holds?limit=1000", null, deployer).body())
                .contains("\"heldBy\":\"deployer-" + run + "\"");

        String reader = hs256("reader-" + run, List.of("viewer"), Instant.now().plusSeconds(300));
        assertThat(call("GET", "/api/v1/holds", null, reader).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/holds", hold("jwt-viewer"), reader).statusCode()).isEqualTo(403);

        String expired = hs256("late-" + run, List.of("admin"), Instant.now().minusSeconds(600));
        assertThat(call("GET", "/api/v1/holds", null, expired).statusCode()).isEqualTo(401);
        String forged = deployer.substring(0, deployer.lastIndexOf('.') + 1) + "AAAA" + deployer.substring(
                deployer.lastIndexOf('.') + 5);
        assertThat(call("GET", "/api/v1/holds", null, forged).statusCode()).isEqualTo(401);

        String fromIdp = rs256("sre-" + run, List.of("admin"), Instant.now().plusSeconds(300), signingKey);
        assertThat(call("GET", "/api/v1/audit?limit=5", null, fromIdp).statusCode()).isEqualTo(200);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("idp-" + run).generate();
        assertThat(call("GET", "/api/v1/holds", null,
                rs256("sre-" + run, List.of("admin"), Instant.now().plusSeconds(300), stranger)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theAuditTrailNamesWhoChangedWhatAndWhoWasRefused() throws Exception {
        String repository = "audited-" + run + "/app";
        assertThat(call("POST", "/api/v1/holds", hold(repository, "audit"), ApiTokens.OPERATOR).statusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/v1/retention/plans", null, ApiTokens.VIEWER).statusCode()).isEqualTo(403);
        HttpResponse<String> plan = call("POST", "/api/v1/retention/plans", null, ApiTokens.OPERATOR);
        String id = json(plan).path("id").asText();
        assertThat(call("POST", "/api/v1/retention/plans/" + id + "/apply", null, ApiTokens.OPERATOR).statusCode())
                .isEqualTo(202);
        assertThat(json(call("GET", "/api/v1/retention/plans/" + id, null, ApiTokens.VIEWER)).path("appliedBy")
                .asText()).isEqualTo("test-operator");

        JsonNode operator = json(call("GET", "/api/v1/audit?principal=test-operator&limit=1000", null,
                ApiTokens.ADMIN)).path("items");
        assertThat(operator.findValuesAsText("path")).contains("/api/v1/holds", "/api/v1/retention/plans",
                "/api/v1/retention/plans/" + id + "/apply");
        assertThat(operator.findValuesAsText("authenticatedBy")).containsOnly("static-token");
        JsonNode viewer = json(call("GET", "/api/v1/audit?principal=test-viewer&limit=1000", null, ApiTokens.ADMIN))
                .path("items");
        assertThat(viewer.findValuesAsText("status")).contains("403");
        assertThat(json(call("GET", "/api/v1/audit", null, ApiTokens.ADMIN)).path("items").findValuesAsText("method"))
                .doesNotContain("GET");

        JsonNode page = json(call("GET", "/api/v1/audit?limit=1", null, ApiTokens.ADMIN));
        assertThat(page.path("items")).hasSize(1);
        String next = page.path("next").asText();
        assertThat(json(call("GET", "/api/v1/audit?limit=1&after=" + next, null, ApiTokens.ADMIN)).path("items")
                .get(0).path("id").asLong()).isLessThan(Long.parseLong(next));
        assertThat(call("GET", "/api/v1/audit?limit=0", null, ApiTokens.ADMIN).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/audit?after=x", null, ApiTokens.ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void metricsCanBeMadeToRequireAToken() throws Exception {
        try (ApplicationContext guarded = start(Map.of("endpoints.prometheus.sensitive", "true"))) {
            URI guardedBase = guarded.getBean(EmbeddedServer.class).getURI();
            assertThat(send(guardedBase, "GET", "/prometheus", null, null).statusCode()).isEqualTo(401);
            assertThat(send(guardedBase, "GET", "/prometheus", null, ApiTokens.VIEWER).statusCode()).isEqualTo(200);
            assertThat(send(guardedBase, "GET", "/health", null, null).statusCode()).isEqualTo(200);
        }
    }

    private ApplicationContext start(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("micronaut.security.token.jwt.signatures.secret.test.secret", SECRET);
        properties.put("micronaut.security.token.jwt.signatures.secret.test.jws-algorithm", "HS256");
        properties.put("micronaut.security.token.jwt.signatures.jwks.idp.url",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/keys");
        properties.putAll(extra);
        ApplicationContext started = ApplicationContext.run(properties);
        started.getBean(EmbeddedServer.class).start();
        return started;
    }

    private String hold(String who) {
        return hold("held-" + run + "/" + who, "security test");
    }

    private static String hold(String repository, String reason) {
        return """
                {"registry": "registry.test", "repository": "%s", "digest": "sha256:%s", "reason": "%s"}"""
                .formatted(repository, "5e".repeat(32), reason);
    }

    private String policy(String who) {
        return """
                {"id": "security-%s-%s", "registry": "**", "repository": "security-%s/*", "priority": 10,
                 "rules": [{"type": "keepTagsMatching", "pattern": "v.*"}]}""".formatted(run, who, run);
    }

    private static String hs256(String subject, List<String> roles, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(subject, roles, expires));
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String rs256(String subject, List<String> roles, Instant expires, RSAKey key)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(subject, roles, expires));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(String subject, List<String> roles, Instant expires) {
        return new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .issueTime(Date.from(Instant.now().minusSeconds(1200))).expirationTime(Date.from(expires)).build();
    }

    private HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        return send(base, method, path, body, token);
    }

    private HttpResponse<String> send(URI target, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", ApiTokens.bearer(token));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return RetentionPlans.JSON.readTree(response.body());
    }
}
