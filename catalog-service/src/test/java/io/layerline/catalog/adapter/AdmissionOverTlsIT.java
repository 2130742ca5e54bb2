package io.layerline.catalog.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.localinfra.Ports;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.ServiceJar;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog-service run from its jar as deploy/k8s/components/admission runs it: its webhook port over TLS with a
 * PKCS#12 keystore (as cert-manager writes one) beside its plain HTTP port, taking the API server's review without a
 * token, and only that path: the rest of the API still wants one.
 */
class AdmissionOverTlsIT {

    private static final String PASSWORD = "webhook-test";

    @Test
    void theWebhookAnswersOverTlsWithoutATokenAndNothingElseDoes() throws Exception {
        Path keystore = Files.createTempDirectory(Infrastructure.workDir(), "webhook-tls").resolve("keystore.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=catalog-service-webhook.layerline.svc", "-ext", "SAN=dns:localhost,ip:127.0.0.1")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();

        int webhookPort = Ports.free();
        // the environment of deploy/k8s/components/admission/catalog-service-webhook-port.yaml and its kustomization
        try (ServiceJar catalog = ServiceJar.start(Path.of("..").toAbsolutePath().normalize(), "catalog-service",
                Infrastructure.newDatabase(), Map.of(
                        "MICRONAUT_SERVER_DUAL_PROTOCOL", "true",
                        "MICRONAUT_SERVER_SSL_ENABLED", "true",
                        "MICRONAUT_SERVER_SSL_PORT", String.valueOf(webhookPort),
                        "MICRONAUT_SERVER_SSL_KEY_STORE_PATH", "file:" + keystore,
                        "MICRONAUT_SERVER_SSL_KEY_STORE_TYPE", "PKCS12",
                        "MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD", PASSWORD,
                        "LAYERLINE_CATALOG_ADMISSION_ANONYMOUS", "true"))) {
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(keystore)).build();
            String uid = UUID.randomUUID().toString();
            HttpResponse<String> reviewed = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                            + webhookPort + "/api/v1/gates/admission?environment=dev"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(pod(uid))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reviewed.statusCode()).as(reviewed.body()).isEqualTo(200);
            JsonNode response = new ObjectMapper().readTree(reviewed.body()).path("response");
            assertThat(response.path("uid").asText()).isEqualTo(uid);
            assertThat(response.path("allowed").asBoolean()).as("the catalog's defaults only warn").isTrue();
            assertThat(response.path("warnings").toString()).contains("known-image");

            HttpResponse<String> rules = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                    + webhookPort + "/api/v1/gates/rules")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(rules.statusCode()).as("only the webhook path is open").isEqualTo(401);
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    catalog.base().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).as("the HTTP port still answers").isEqualTo(200);
        }
    }

    private static String pod(String uid) throws Exception {
        try (InputStream in = AdmissionOverTlsIT.class.getResourceAsStream("/admission/pod-create.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${uid}", uid)
                    .replace("${initImage}", "harbor.example.com/tools/wait:1")
                    .replace("${image}", "harbor.example.com/shop/shop:1");
        }
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
