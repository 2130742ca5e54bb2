package io.layerline.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One registry through the OCI distribution API v1.1. It answers whatever authentication the registry asks for:
 * none, basic credentials, or the bearer-token flow (the challenge's realm, service and scope; tokens are cached
 * per scope until they expire). A 429 is waited out as its {@code Retry-After} says, up to three times; lists
 * follow {@code Link} pages; referrers come from the referrers API, or from the {@code sha256-<hex>} tag schema on
 * registries without it. Thread-safe: one client per registry serves a whole service.
 */
public final class RegistryClient {

    private static final int PAGE = 100;
    private static final int TRIES_AFTER_429 = 3;
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(10);
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern REPOSITORY_PATH = Pattern.compile("^/v2/(.+?)/(manifests|blobs|tags|referrers)/.*");

    private final RegistryAccess access;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();
    private volatile Boolean referrersApi;

    public RegistryClient(RegistryAccess access) {
        this(access, Clock.systemUTC());
    }

    RegistryClient(RegistryAccess access, Clock clock) {
        this.access = access;
        this.clock = clock;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL);
        access.caCertificate().ifPresent(ca -> builder.sslContext(trusting(ca)));
        this.http = builder.build();
    }

    public RegistryAccess access() {
        return access;
    }

    /** Every repository the credentials may see ({@code /v2/_catalog}). */
    public List<String> repositories() throws RegistryException {
        return paged("/v2/_catalog?n=" + PAGE, "repositories");
    }

    /** The tags of a repository; none when it does not exist. */
    public List<String> tags(String repository) throws RegistryException {
        return paged("/v2/" + repository + "/tags/list?n=" + PAGE, "tags");
    }

    /** A manifest or index by tag or digest; empty when the registry does not have it. */
    public Optional<Manifest> manifest(String repository, String reference) throws RegistryException {
        String path = manifestPath(repository, reference);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder().header("Accept", Manifest.ACCEPT).GET(), path,
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "GET " + path);
        byte[] bytes = response.body();
        String digest = response.headers().firstValue("Docker-Content-Digest").orElseGet(() -> sha256(bytes));
        try {
            JsonNode node = json.readTree(bytes);
            String mediaType = response.headers().firstValue("Content-Type")
                    .map(type -> type.split(";")[0].trim())
                    .orElse(node.path("mediaType").asText(""));
            return Optional.of(new Manifest(digest, mediaType, bytes, node));
        } catch (IOException e) {
            throw RegistryException.unreadable(where() + " answered GET " + path + " with something that is not JSON",
                    e);
        }
    }

    /** The digest a tag points at, without reading the manifest; empty when there is no such tag. */
    public Optional<String> digest(String repository, String reference) throws RegistryException {
        String path = manifestPath(repository, reference);
        HttpResponse<Void> response = send(HttpRequest.newBuilder().header("Accept", Manifest.ACCEPT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), path, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200, "HEAD " + path);
        return response.headers().firstValue("Docker-Content-Digest");
    }

    /** Puts a manifest under a tag or its digest; the digest the registry gives it. */
    public String putManifest(String repository, String reference, String mediaType, byte[] bytes)
            throws RegistryException {
        String path = manifestPath(repository, reference);
        HttpResponse<String> response = send(HttpRequest.newBuilder().header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), path, HttpResponse.BodyHandlers.ofString());
        expect(response, 201, "PUT " + path);
        return response.headers().firstValue("Docker-Content-Digest").orElseGet(() -> sha256(bytes));
    }

    /**
     * Deletes a manifest by digest ({@code DELETE /v2/<name>/manifests/<digest>}).
     *
     * @return false when the registry did not have it (any more): deleting twice is not an error
     */
    public boolean deleteManifest(String repository, String digest) throws RegistryException {
        String path = manifestPath(repository, digest);
        HttpResponse<String> response = send(HttpRequest.newBuilder().DELETE(), path,
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw refused(response, "DELETE " + path);
        }
        return true;
    }

    /** Uploads a blob in one request, unless the repository has it already; its digest. */
    public String pushBlob(String repository, byte[] content) throws RegistryException {
        String digest = sha256(content);
        pushBlob(repository, digest, HttpRequest.BodyPublishers.ofByteArray(content));
        return digest;
    }

    /** Uploads a file as a blob of this digest, streamed in one request, unless the repository has it already. */
    public void pushBlob(String repository, String digest, Path file) throws RegistryException {
        try {
            pushBlob(repository, digest, HttpRequest.BodyPublishers.ofFile(file));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pushBlob(String repository, String digest, HttpRequest.BodyPublisher content)
            throws RegistryException {
        if (hasBlob(repository, digest)) {
            return;
        }
        String start = "/v2/" + repository + "/blobs/uploads/";
        HttpResponse<String> session = send(HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()),
                start, HttpResponse.BodyHandlers.ofString());
        expect(session, 202, "POST " + start);
        URI location = access.url().resolve(session.headers().firstValue("Location")
                .orElseThrow(() -> RegistryException.unreadable(where() + " gave no upload location", null)));
        String upload = location.getRawPath() + "?" + (location.getRawQuery() == null ? ""
                : location.getRawQuery() + "&") + "digest=" + digest;
        HttpResponse<String> finish = send(HttpRequest.newBuilder().header("Content-Type", "application/octet-stream")
                .PUT(content), upload, HttpResponse.BodyHandlers.ofString());
        expect(finish, 201, "PUT " + location.getRawPath());
    }

    /** Whether the repository holds the blob ({@code HEAD /v2/<name>/blobs/<digest>}). */
    public boolean hasBlob(String repository, String digest) throws RegistryException {
        String path = "/v2/" + repository + "/blobs/" + digest;
        HttpResponse<Void> head = send(HttpRequest.newBuilder().method("HEAD", HttpRequest.BodyPublishers.noBody()),
                path, HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 404) {
            return false;
        }
        expect(head, 200, "HEAD " + path);
        return true;
    }

    /** A blob's content, streamed; the caller closes it. */
    public InputStream blob(String repository, String digest) throws RegistryException {
        String path = "/v2/" + repository + "/blobs/" + digest;
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder().GET(), path,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            close(response.body());
            throw refused(response.statusCode(), "GET " + path, "");
        }
        return response.body();
    }

    /**
     * The manifests that name {@code digest} as their subject: from {@code GET /v2/<name>/referrers/<digest>}, or,
     * on a registry without that API, from the index tagged {@code sha256-<hex>} (the OCI 1.1 tag schema).
     */
    public List<Descriptor> referrers(String repository, String digest) throws RegistryException {
        if (!Boolean.FALSE.equals(referrersApi)) {
            String path = "/v2/" + repository + "/referrers/" + digest;
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder().header("Accept", Manifest.OCI_INDEX).GET(),
                    path, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                referrersApi = true;
                return descriptors(response.body(), "GET " + path);
            }
            if (response.statusCode() != 404 && response.statusCode() != 400 && response.statusCode() != 405) {
                throw refused(response.statusCode(), "GET " + path, "");
            }
            if (response.statusCode() != 404 || referrersApi == null) {
                referrersApi = false;
            }
        }
        return manifest(repository, referrersTag(digest))
                .filter(Manifest::isIndex)
                .map(Manifest::children)
                .orElse(List.of());
    }

    /** The OCI 1.1 referrers tag of a digest: {@code sha256:ab…} becomes {@code sha256-ab…}. */
    public static String referrersTag(String digest) {
        return digest.replace(':', '-');
    }

    /** The lowercase hex SHA-256 of content, as a digest. */
    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Follows {@code Link: <…>; rel="next"} pages of a list; a 404 is an empty list. */
    private List<String> paged(String first, String field) throws RegistryException {
        List<String> values = new ArrayList<>();
        String next = first;
        while (next != null) {
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder().GET(), next,
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return values;
            }
            expect(response, 200, "GET " + next);
            try {
                json.readTree(response.body()).path(field).forEach(value -> values.add(value.asText()));
            } catch (IOException e) {
                throw RegistryException.unreadable(where() + " answered GET " + next + " with something that is not"
                        + " JSON", e);
            }
            next = response.headers().allValues("Link").stream()
                    .map(NEXT_LINK::matcher).filter(Matcher::find).findFirst()
                    .map(link -> {
                        URI uri = access.url().resolve(link.group(1));
                        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                    })
                    .orElse(null);
        }
        return values;
    }

    private List<Descriptor> descriptors(byte[] index, String what) throws RegistryException {
        try {
            List<Descriptor> descriptors = new ArrayList<>();
            json.readTree(index).path("manifests").forEach(node -> descriptors.add(Descriptor.of(node)));
            return descriptors;
        } catch (IOException e) {
            throw RegistryException.unreadable(where() + " answered " + what + " with something that is not JSON", e);
        }
    }

    /**
     * Sends a request to {@code path}, presenting the authorization cached for its scope; on a 401 answers the
     * challenge once, on a 429 waits as told.
     */
    private <T> HttpResponse<T> send(HttpRequest.Builder request, String path, HttpResponse.BodyHandler<T> handler)
            throws RegistryException {
        URI uri = access.url().resolve(path);
        String scope = scope(path, request.copy().uri(uri).build().method());
        HttpResponse<T> response = null;
        for (int attempt = 0; attempt <= TRIES_AFTER_429; attempt++) {
            response = exchange(request, uri, authorization(scope), handler);
            if (response.statusCode() == 401) {
                Optional<String> challenge = response.headers().firstValue("WWW-Authenticate");
                close(response.body());
                if (challenge.isEmpty()) {
                    return response;
                }
                Authorization answer = answer(challenge.get(), scope);
                authorizations.put(scope, answer);
                response = exchange(request, uri, Optional.of(answer.header()), handler);
            }
            if (response.statusCode() != 429 || attempt == TRIES_AFTER_429) {
                return response;
            }
            close(response.body());
            pause(retryAfter(response));
        }
        return response;
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, URI uri, Optional<String> authorization,
                                         HttpResponse.BodyHandler<T> handler) throws RegistryException {
        HttpRequest.Builder copy = request.copy().uri(uri).timeout(access.timeout());
        authorization.ifPresent(value -> copy.setHeader("Authorization", value));
        HttpRequest built = copy.build();
        try {
            return http.send(built, handler);
        } catch (IOException e) {
            throw RegistryException.unavailable(where() + " cannot be reached for " + built.method() + " "
                    + uri.getRawPath() + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unavailable("interrupted while calling " + where(), e);
        }
    }

    private Optional<String> authorization(String scope) {
        Authorization cached = authorizations.get(scope);
        if (cached == null || cached.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(cached.header());
    }

    /** Answers a {@code WWW-Authenticate} challenge: basic credentials, or a bearer token from the realm. */
    private Authorization answer(String challenge, String scope) throws RegistryException {
        String scheme = challenge.trim().split("\\s+", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            String basic = access.credentials().basicAuthorization().orElseThrow(() ->
                    RegistryException.answered(401, where() + " asks for credentials and none are configured"));
            return new Authorization(basic, Instant.MAX);
        }
        if (!scheme.equalsIgnoreCase("Bearer")) {
            throw RegistryException.answered(401, where() + " asks for " + scheme + " authentication, which this"
                    + " client does not speak");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null || realm.isBlank()) {
            throw RegistryException.answered(401, where() + " asks for a bearer token without naming a realm");
        }
        StringBuilder query = new StringBuilder();
        Optional.ofNullable(parameters.get("service"))
                .ifPresent(service -> query.append("service=").append(HarborNames.encode(service)));
        String wanted = parameters.getOrDefault("scope", scope);
        if (!wanted.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append("scope=").append(HarborNames.encode(wanted));
        }
        URI tokenUri = URI.create(realm + (query.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUri).timeout(access.timeout()).GET();
        access.credentials().basicAuthorization().ifPresent(basic -> request.header("Authorization", basic));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw RegistryException.answered(response.statusCode() == 429 || response.statusCode() >= 500
                                ? response.statusCode() : 401,
                        "the token service " + tokenUri.getHost() + " of " + where() + " answered "
                                + response.statusCode() + " for " + access.credentials() + " and scope " + wanted);
            }
            JsonNode token = json.readTree(response.body());
            String value = token.path("token").asText(token.path("access_token").asText(""));
            if (value.isEmpty()) {
                throw RegistryException.unreadable("the token service of " + where() + " answered without a token",
                        null);
            }
            long seconds = Math.max(60, token.path("expires_in").asLong(60));
            return new Authorization("Bearer " + value, clock.instant().plusSeconds(seconds).minus(TOKEN_MARGIN));
        } catch (IOException e) {
            throw RegistryException.unavailable("the token service of " + where() + " cannot be reached: "
                    + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unavailable("interrupted while asking for a token", e);
        }
    }

    /** The token scope a request needs: pull for reads, pull and push (or delete) for writes of a repository. */
    private static String scope(String path, String method) {
        String bare = path.split("\\?", 2)[0];
        if (bare.startsWith("/v2/_catalog")) {
            return "registry:catalog:*";
        }
        Matcher repository = REPOSITORY_PATH.matcher(bare);
        if (!repository.matches()) {
            return "";
        }
        String actions = switch (method) {
            case "GET", "HEAD" -> "pull";
            case "DELETE" -> "delete";
            default -> "pull,push";
        };
        return "repository:" + repository.group(1) + ":" + actions;
    }

    private Duration retryAfter(HttpResponse<?> response) {
        Duration wait = response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException notSeconds) {
                try {
                    return Duration.between(clock.instant(),
                            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                } catch (DateTimeParseException notADate) {
                    return Duration.ofSeconds(1);
                }
            }
        }).orElse(Duration.ofSeconds(1));
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
    }

    private static void pause(Duration duration) throws RegistryException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.unavailable("interrupted while waiting out a 429", e);
        }
    }

    private void expect(HttpResponse<?> response, int status, String what) throws RegistryException {
        if (response.statusCode() != status) {
            throw refused(response, what);
        }
    }

    private RegistryException refused(HttpResponse<?> response, String what) {
        String detail = "";
        if (response.body() instanceof byte[] bytes) {
            detail = errorText(new String(bytes, StandardCharsets.UTF_8));
        } else if (response.body() instanceof String text) {
            detail = errorText(text);
        }
        return refused(response.statusCode(), what, detail);
    }

    private RegistryException refused(int status, String what, String detail) {
        return RegistryException.answered(status, where() + " answered " + status + " to " + what
                + (detail.isEmpty() ? "" : ": " + detail));
    }

    /** The first error of the distribution API's error body ({@code {"errors":[{"code","message"}]}}), if any. */
    private String errorText(String body) {
        try {
            JsonNode error = json.readTree(body).path("errors").path(0);
            String text = (error.path("code").asText("") + " " + error.path("message").asText("")).trim();
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String where() {
        return "registry " + access.host();
    }

    private static String manifestPath(String repository, String reference) {
        return "/v2/" + repository + "/manifests/" + reference;
    }

    private static void close(Object body) {
        if (body instanceof InputStream stream) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the answer is discarded either way
            }
        }
    }

    /** The system's trusted certificates and the PEM certificates in {@code ca}. */
    static SSLContext trusting(Path ca) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int n = 0;
            for (var manager : system.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    for (X509Certificate certificate : x509.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, certificate);
                    }
                }
            }
            try (InputStream pem = Files.newInputStream(ca)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    store.setCertificateEntry("ca-" + n++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA certificates in " + ca, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the CA certificates in " + ca + " cannot be used: " + e.getMessage(),
                    e);
        }
    }

    /** An {@code Authorization} header value and when it stops being good. */
    private record Authorization(String header, Instant expiresAt) {
    }
}
