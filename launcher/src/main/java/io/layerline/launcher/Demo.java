package io.layerline.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A realistic feed for a running suite: a company with a four-tier base tree (2 OS bases, 4 runtimes, 6 tooling
 * images, 40 services) built for real, weeks of earlier builds announced by CI, deployments through dev → test →
 * prod_test → prod with some failures, a second version of some services, a retention plan, and an OS base CVE fix
 * that cascades through everything built on it. Everything goes through the services' public APIs.
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUILD_BUDGET = Duration.ofMinutes(5);
    private static final List<String> TEAMS = List.of("payments", "search", "checkout", "identity", "logistics");
    private static final List<String> ENVIRONMENTS = List.of("dev", "test", "prod_test", "prod");

    /** One image of the company: its repository, tag, base(s) and a kind that decides its Dockerfile. */
    private record Image(String repository, String tag, String tier, List<String> bases) {
    }

    /** Where the suite answers. */
    public record Endpoints(URI build, URI promotion, URI retention, URI catalog, String registry,
                            String apiToken, String ingressToken) {
    }

    private final Endpoints endpoints;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Image> images = new LinkedHashMap<>();
    private final Map<String, String> digests = new LinkedHashMap<>();

    public Demo(Endpoints endpoints, PrintStream out) {
        this.endpoints = endpoints;
        this.out = out;
    }

    static Demo from(Settings settings, String apiToken, String ingressToken, PrintStream out) {
        Map<String, URI> services = new LinkedHashMap<>();
        settings.services().forEach(service -> services.put(service.name(),
                URI.create("http://127.0.0.1:" + service.port())));
        return new Demo(new Endpoints(services.get("build-service"), services.get("promotion-service"),
                services.get("retention-service"), services.get("catalog-service"),
                "127.0.0.1:" + settings.registryPort(), apiToken, ingressToken), out);
    }

    public void run() {
        describeTheCompany();
        out.println("Building the base tree and 40 services through the build-service…");
        for (String tier : List.of("os", "runtime", "tooling", "app")) {
            buildTier(tier, "1");
        }
        enterMetadata();
        announceEarlierBuilds();
        out.println("Deploying through dev → test → prod_test → prod…");
        deployFirstVersions();
        out.println("A second version of ten services…");
        List<String> second = images.values().stream().filter(image -> image.tier().equals("app")).limit(10)
                .map(Image::repository).toList();
        buildAll(second, "2");
        second.forEach(repository -> List.of("dev", "test", "prod_test").forEach(environment ->
                deploy(repository, digests.get(repository), environment, "SUCCEEDED", Instant.now())));
        out.println("Planning and applying retention…");
        JsonNode plan = json(post(endpoints.retention(), "/api/v1/retention/plans", "{}"));
        post(endpoints.retention(), "/api/v1/retention/plans/" + plan.path("id").asText() + "/apply", "");
        out.println("  plan " + plan.path("id").asText() + ": " + plan.path("kept").asInt() + " kept, "
                + plan.path("toDelete").asInt() + " to delete");
        JsonNode impact = json(get(endpoints.catalog(), "/api/v1/graph/impact?registry=" + endpoints.registry()
                + "&repository=demo/os/debian"));
        out.println("A CVE is fixed in os/debian: " + impact.path("affected").size() + " repositories descend from it, "
                + "to rebuild in " + impact.path("waves").size() + " waves. Rebuilding it starts the cascade…");
        get(endpoints.catalog(), "/api/v1/repositories?owner=payments");
        get(endpoints.catalog(), "/api/v1/governance/violations");
        cveFix();
        out.println();
        out.println("Done. Look at it in the console (the URL ./layerline up printed), the cascades at "
                + endpoints.catalog() + "/api/v1/cascades and the dashboards in deploy/grafana.");
    }

    private void describeTheCompany() {
        add("os/debian", "12", "os");
        add("os/alpine", "3.20", "os");
        add("runtime/temurin17", "17", "runtime", "os/debian");
        add("runtime/temurin21", "21", "runtime", "os/debian");
        add("runtime/node20", "20", "runtime", "os/alpine");
        add("runtime/python312", "3.12", "runtime", "os/debian");
        add("tooling/maven", "3.9", "tooling", "runtime/temurin17");
        add("tooling/java-service", "1", "tooling", "runtime/temurin17");
        add("tooling/gradle", "8", "tooling", "runtime/temurin21");
        add("tooling/node-service", "1", "tooling", "runtime/node20");
        add("tooling/python-service", "1", "tooling", "runtime/python312");
        add("tooling/go", "1.23", "tooling", "os/alpine");
        for (int i = 0; i < 40; i++) {
            String team = TEAMS.get(i % TEAMS.size());
            switch (i % 5) {
                case 0 -> add(team + "/java-api-" + i, "1", "app", "tooling/maven", "tooling/java-service");
                case 1 -> add(team + "/kotlin-worker-" + i, "1", "app", "tooling/gradle", "runtime/temurin21");
                case 2 -> add(team + "/web-" + i, "1", "app", "tooling/node-service");
                case 3 -> add(team + "/model-" + i, "1", "app", "tooling/python-service");
                default -> add(team + "/edge-" + i, "1", "app", "tooling/go", "os/alpine");
            }
        }
    }

    private void add(String repository, String tag, String tier, String... bases) {
        images.put("demo/" + repository, new Image("demo/" + repository, tag, tier,
                List.of(bases).stream().map(base -> "demo/" + base).toList()));
    }

    private void buildTier(String tier, String version) {
        buildAll(images.values().stream().filter(image -> image.tier().equals(tier)).map(Image::repository)
                .toList(), version);
        out.printf("  %-8s %d images%n", tier, images.values().stream().filter(i -> i.tier().equals(tier)).count());
    }

    /** Builds these repositories at once (the build-service queues them) and waits for every one. */
    private void buildAll(List<String> repositories, String version) {
        Map<String, String> builds = new LinkedHashMap<>();
        for (String repository : repositories) {
            Image image = images.get(repository);
            String context = upload(dockerfile(image), repository + " " + version + "\n");
            String tag = image.tier().equals("app") ? version + ".0" : image.tag();
            JsonNode build = json(post(endpoints.build(), "/api/v1/builds", write(Map.of("repository", repository,
                    "tags", List.of(tag), "context", Map.of("id", context), "requestedBy", "ci"))));
            builds.put(repository, build.path("id").asText());
        }
        Instant deadline = Instant.now().plus(BUILD_BUDGET);
        for (Map.Entry<String, String> build : builds.entrySet()) {
            JsonNode result;
            do {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                result = json(get(endpoints.build(), "/api/v1/builds/" + build.getValue()));
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the build of " + build.getKey() + " did not end in time");
                }
            } while (List.of("queued", "running").contains(result.path("state").asText()));
            if (!result.path("state").asText().equals("pushed")) {
                throw new IllegalStateException("the build of " + build.getKey() + " failed: "
                        + result.path("reason").asText());
            }
            digests.put(build.getKey(), result.path("digest").asText());
        }
    }

    private String dockerfile(Image image) {
        if (image.bases().isEmpty()) {
            return "FROM scratch\nCOPY content.txt /etc/os-release\nUSER 10001\n";
        }
        String last = reference(image.bases().get(image.bases().size() - 1));
        if (image.bases().size() == 1) {
            String dockerfile = "FROM " + last + "\nCOPY content.txt /opt/" + image.repository().replace('/', '-')
                    + ".txt\nUSER 10001\n";
            // some teams still write what the analyzer flags: a shell-form CMD, an ADD of a local file
            return image.repository().contains("/web-") ? dockerfile + "CMD node /app/server.js\n"
                    : image.repository().contains("/model-") ? dockerfile.replace("COPY content.txt", "ADD content.txt")
                    : dockerfile;
        }
        return "FROM " + reference(image.bases().get(0)) + " AS build\nCOPY content.txt /src/app.txt\n"
                + "FROM " + last + "\nCOPY --from=build /src/app.txt /app/app.txt\nUSER 10001\n"
                + "ENTRYPOINT [\"/app/app\"]\n";
    }

    private String reference(String repository) {
        return endpoints.registry() + "/" + repository + ":" + images.get(repository).tag();
    }

    private void enterMetadata() {
        images.values().forEach(image -> {
            String owner = image.tier().equals("app") ? image.repository().split("/")[1] : "platform";
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("ownerTeam", owner);
            metadata.put("description", image.tier().equals("app") ? "a " + owner + " service"
                    : "the company's " + image.tier() + " base " + image.repository().substring(5));
            metadata.put("contact", "#" + owner);
            if (!image.tier().equals("app")) {
                metadata.put("tier", image.tier());
            }
            if (image.repository().endsWith("-7")) {
                metadata.remove("ownerTeam");
            }
            send(endpoints.catalog(), "PUT", "/api/v1/repositories/" + endpoints.registry() + "/"
                    + image.repository() + "/metadata", write(metadata));
        });
    }

    /** Weeks of builds CI made before: older versions of the services, announced as ImageBuilt. */
    private void announceEarlierBuilds() {
        if (endpoints.ingressToken() == null) {
            out.println("  (no CI ingress token: earlier builds are not announced)");
            return;
        }
        int announced = 0;
        for (Image image : images.values()) {
            if (!image.tier().equals("app")) {
                continue;
            }
            for (int week = 3; week >= 1; week--) {
                String digest = "sha256:" + String.format("%064x", Math.abs((long) (image.repository() + week)
                        .hashCode()) + week);
                String base = image.bases().get(image.bases().size() - 1);
                Map<String, Object> built = Map.of("registry", endpoints.registry(), "repository",
                        image.repository(), "digest", digest, "tags", List.of("0." + (4 - week)), "size", 4096,
                        "layers", List.of(Map.of("digest", digest, "size", 4096, "createdBy", "COPY content.txt")),
                        "baseImages", List.of(Map.of("stageIndex", 0, "reference", reference(base),
                                "digest", digests.get(base), "finalStage", true)),
                        "provenance", Map.of("sourceRepository", "https://git.example.com/" + image.repository(),
                                "commit", String.format("%040x", Math.abs((long) digest.hashCode())), "branch",
                                "main", "author", "ci", "dockerfilePath", "Dockerfile"),
                        "builtAt", Instant.now().minus(Duration.ofDays(7L * week)).toString());
                HttpRequest request = HttpRequest.newBuilder(endpoints.build().resolve("/api/v1/events"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + endpoints.ingressToken())
                        .POST(HttpRequest.BodyPublishers.ofString(write(built))).build();
                if (send(request).statusCode() / 100 == 2) {
                    announced++;
                }
            }
        }
        out.println("  " + announced + " earlier builds announced by CI");
    }

    private void deployFirstVersions() {
        int index = 0;
        for (Image image : images.values()) {
            if (!image.tier().equals("app")) {
                continue;
            }
            Instant at = Instant.now().minus(Duration.ofDays(10));
            for (String environment : ENVIRONMENTS) {
                boolean fails = environment.equals("prod_test") && index % 9 == 4;
                deploy(image.repository(), digests.get(image.repository()), environment,
                        fails ? "FAILED" : "SUCCEEDED", at);
                at = at.plus(Duration.ofDays(2));
                if (fails) {
                    break;
                }
            }
            index++;
        }
    }

    private void deploy(String repository, String digest, String environment, String status, Instant at) {
        String service = repository.substring(repository.lastIndexOf('/') + 1);
        post(endpoints.promotion(), "/api/v1/deployments", write(Map.of("deploymentId",
                "demo-" + service + "-" + environment + "-" + digest.substring(7, 19) + "-" + status,
                "service", service, "environment", environment, "image", Map.of("registry", endpoints.registry(),
                        "repository", repository, "digest", digest), "status", status, "deployer", "argocd",
                "target", "cluster-1", "finishedAt", at.toString())));
    }

    private void cveFix() {
        Image debian = images.get("demo/os/debian");
        String context = upload(dockerfile(debian), "debian 12.9 (CVE-2026-0001 fixed)\n");
        JsonNode build = json(post(endpoints.build(), "/api/v1/builds", write(Map.of("repository",
                debian.repository(), "tags", List.of(debian.tag()), "context", Map.of("id", context),
                "requestedBy", "security"))));
        Instant deadline = Instant.now().plus(BUILD_BUDGET);
        JsonNode cascade = null;
        while (Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            JsonNode cascades = json(get(endpoints.catalog(), "/api/v1/cascades?limit=1"));
            cascade = cascades.path("items").path(0);
            if (cascade.path("base").asText().contains("os/debian")
                    && cascade.path("status").asText().equals("finished")) {
                break;
            }
        }
        out.println("  base rebuilt by build " + build.path("id").asText() + "; cascade "
                + (cascade == null ? "not seen" : cascade.path("id").asText() + " " + cascade.path("status").asText()
                + " " + cascade.path("counts")));
    }

    private String upload(String dockerfile, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> file : Map.of("Dockerfile", dockerfile, "content.txt", content).entrySet()) {
                byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(data.length);
                entry.setModTime(0);
                tar.putArchiveEntry(entry);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest request = api(endpoints.build().resolve("/api/v1/contexts"))
                .header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())).build();
        return json(send(request)).path("id").asText();
    }

    private HttpResponse<String> post(URI service, String path, String body) {
        return send(service, "POST", path, body);
    }

    private HttpResponse<String> send(URI service, String method, String path, String body) {
        return send(api(service.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(URI service, String path) {
        return send(api(service.resolve(path)).build());
    }

    /** A request to a service's REST API, with the run's admin token. */
    private HttpRequest.Builder api(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + endpoints.apiToken());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + request.uri() + " (is ./layerline up running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
