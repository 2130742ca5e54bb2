package io.layerline.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.layerline.localinfra.LocalRegistry;
import io.layerline.registry.Credentials;
import io.layerline.registry.RegistryAccess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real registries that want credentials, as a company runs them: Debian's {@code docker-registry} over HTTPS with a
 * test CA, behind htpasswd basic authentication, or behind the distribution token flow with a token server this
 * harness runs (JWTs signed RS256 by a key whose certificate is in the registry's {@code rootcertbundle}, carried in
 * the {@code x5c} header, with the {@code access} claim the registry checks). The key pair and certificate come from
 * the JDK's {@code keytool}, the htpasswd bcrypt entry from {@code htpasswd -B} (Debian's {@code apache2-utils}).
 */
public final class SecuredRegistries {

    public static final String USERNAME = "ci-robot";
    public static final String PASSWORD = "s3cret-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SERVICE = "layerline-test-registry";
    private static final String ISSUER = "layerline-test-token-server";

    /**
     * A running registry, how to reach it with the right credentials, and the scopes tokens were asked for, their
     * actions sorted (the registry names them in no fixed order: {@code push,pull} or {@code pull,push}).
     */
    public record SecuredRegistry(LocalRegistry registry, RegistryAccess access, List<String> tokenScopes,
                                  AutoCloseable tokenServer) implements AutoCloseable {

        public String host() {
            return registry.host();
        }

        /** A service's settings for this registry under {@code prefix}: url, username, password, ca-certificate. */
        public Map<String, String> properties(String prefix) {
            return Map.of(prefix + ".url", access.url().toString(), prefix + ".username", USERNAME,
                    prefix + ".password", PASSWORD, prefix + ".ca-certificate",
                    access.caCertificate().orElseThrow().toString());
        }

        @Override
        public void close() throws Exception {
            registry.close();
            if (tokenServer != null) {
                tokenServer.close();
            }
        }
    }

    private SecuredRegistries() {
    }

    /** HTTPS and htpasswd basic authentication. */
    public static SecuredRegistry basic(Path dir) {
        Keys keys = Keys.create(dir);
        Path htpasswd = dir.resolve("htpasswd");
        run(dir, List.of("htpasswd", "-Bbc", htpasswd.toString(), USERNAME, PASSWORD));
        LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), 0, Optional.of(new LocalRegistry.Security(
                keys.certificate(), keys.key(), "htpasswd:\n  realm: layerline-test\n  path: " + htpasswd)));
        return new SecuredRegistry(registry, access(registry, keys), List.of(), null);
    }

    /** HTTPS and the bearer-token flow: the registry sends clients to the token server this harness runs. */
    public static SecuredRegistry token(Path dir) {
        Keys keys = Keys.create(dir);
        List<String> scopes = new CopyOnWriteArrayList<>();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/token", exchange -> issue(exchange, keys, scopes));
        server.start();
        String realm = "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
        LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"), 0, Optional.of(new LocalRegistry.Security(
                keys.certificate(), keys.key(), "token:\n  realm: " + realm + "\n  service: " + SERVICE
                + "\n  issuer: " + ISSUER + "\n  rootcertbundle: " + keys.certificate())));
        return new SecuredRegistry(registry, access(registry, keys), scopes, () -> server.stop(0));
    }

    private static RegistryAccess access(LocalRegistry registry, Keys keys) {
        return new RegistryAccess(registry.url(), Credentials.basic(USERNAME, PASSWORD),
                Optional.of(keys.certificate()), Duration.ofSeconds(30));
    }

    /** Answers a token request: the right basic credentials get every action they ask for. */
    private static void issue(HttpExchange exchange, Keys keys, List<String> scopes) throws IOException {
        try (exchange) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            List<String> access = new ArrayList<>();
            String query = exchange.getRequestURI().getRawQuery();
            for (String parameter : query == null ? new String[0] : query.split("&")) {
                if (parameter.startsWith("scope=")) {
                    String scope = URLDecoder.decode(parameter.substring(6), StandardCharsets.UTF_8);
                    String[] parts = scope.split(":");
                    scopes.add(String.join(":", java.util.Arrays.copyOf(parts, parts.length - 1)) + ":"
                            + String.join(",", new java.util.TreeSet<>(List.of(parts[parts.length - 1].split(",")))));
                    String name = String.join(":", java.util.Arrays.copyOfRange(parts, 1, parts.length - 1));
                    List<String> actions = new ArrayList<>();
                    for (String action : parts[parts.length - 1].split(",")) {
                        actions.add("\"" + action + "\"");
                    }
                    access.add("{\"type\":\"" + parts[0] + "\",\"name\":\"" + name + "\",\"actions\":["
                            + String.join(",", actions) + "]}");
                }
            }
            long now = Instant.now().getEpochSecond();
            String header = "{\"typ\":\"JWT\",\"alg\":\"RS256\",\"x5c\":[\"" + keys.certificateBase64() + "\"]}";
            String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + USERNAME + "\",\"aud\":\"" + SERVICE
                    + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 10) + ",\"iat\":" + now + ",\"jti\":\""
                    + UUID.randomUUID() + "\",\"access\":[" + String.join(",", access) + "]}";
            String unsigned = base64Url(header) + "." + base64Url(claims);
            String token = unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(keys.sign(unsigned));
            byte[] body = ("{\"token\":\"" + token + "\",\"access_token\":\"" + token + "\",\"expires_in\":300}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void run(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8) + (command.get(0).equals("htpasswd")
                        ? " (htpasswd comes with apache2-utils: apt-get install -y apache2-utils)" : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed RSA key pair for 127.0.0.1, from keytool: the TLS certificate, the CA and the token signer. */
    private record Keys(Path certificate, Path key, PrivateKey privateKey, Certificate x509) {

        static Keys create(Path dir) {
            try {
                Files.createDirectories(dir);
                Path store = dir.resolve("keys.p12");
                Files.deleteIfExists(store);
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                run(dir, List.of(keytool, "-genkeypair", "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048",
                        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "30",
                        "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keyStore.load(in, "changeit".toCharArray());
                }
                PrivateKey privateKey = (PrivateKey) keyStore.getKey("registry", "changeit".toCharArray());
                Certificate certificate = keyStore.getCertificate("registry");
                Path certificatePem = dir.resolve("registry.crt");
                Path keyPem = dir.resolve("registry.key");
                Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
                Files.writeString(keyPem, pem("PRIVATE KEY", privateKey.getEncoded()));
                return new Keys(certificatePem, keyPem, privateKey, certificate);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write test keys in " + dir, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot read the test keys keytool made", e);
            }
        }

        String certificateBase64() {
            try {
                return Base64.getEncoder().encodeToString(x509.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        byte[] sign(String content) {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(privateKey);
                signature.update(content.getBytes(StandardCharsets.US_ASCII));
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END " + type + "-----\n";
        }
    }
}
