package io.layerline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.LayerlineEvent;
import io.layerline.contracts.Topics;
import io.layerline.testing.ApiTokens;
import io.layerline.testing.EventStream;
import io.layerline.testing.FaultyProxy;
import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Registries;
import io.layerline.testing.Samples;
import io.layerline.testing.ServiceJar;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services, two instances of each in one consumer group, run from their jars while a known stream of
 * events goes through them and everything that can fail does: a retention instance is SIGKILLed mid-batch and
 * restarted, the Kafka broker stops and restarts, PostgreSQL restarts, the registry answers 500s and then hangs
 * while a retention plan is applied, and one instance of each other service is killed for good. Afterwards every
 * count is exact: no event lost, none applied twice, nothing dead-lettered, no protected image deleted, the plan
 * finished. The figures are printed (and recorded in docs/reliability.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteIT {

    private static final int PUSHES = 900;
    private static final int DEPLOYMENTS = 240;
    private static final int REBUILDS = 120;
    private static final int REAL_IMAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRIC = Pattern.compile("^(\\S+?)(\\{[^}]*})? ([0-9.eE+-]+)$");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Path home = Path.of("..").toAbsolutePath().normalize();
    private final HttpClient http = HttpClient.newHttpClient();
    private final FaultyProxy registry = FaultyProxy.to(Registries.registry().url());
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final Map<String, List<ServiceJar>> instances = new LinkedHashMap<>();
    private final Map<String, List<String>> sent = new LinkedHashMap<>();
    private final Map<String, Double> scraped = new HashMap<>();

    @AfterAll
    void stop() {
        instances.values().forEach(list -> list.forEach(ServiceJar::close));
        registry.close();
    }

    @Test
    void noEventIsLostOrAppliedTwiceThroughKillsOutagesAndRegistryFailures() throws Exception {
        startEverything();
        putPolicyKeepingTheAnnouncedOnlyImages();

        publishThird(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> inboxCount("retention", "retention.images") > 50);
        killAndRestart("retention-service", 0);

        publishThird(1);
        Infrastructure.kafka().stop();
        awaitHealth("kafka", "DOWN");
        Infrastructure.kafka().start();
        awaitHealth("kafka", "UP");

        Infrastructure.postgres().stop();
        awaitHealth("jdbc", "DOWN");
        Infrastructure.postgres().start();
        awaitHealth("jdbc", "UP");

        Map<String, String> real = pushRealImages();
        applyPlanThroughRegistryFailures(real);

        for (String service : List.of("catalog-service", "promotion-service", "build-service")) {
            scrape(instances.get(service).get(1));
            instances.get(service).get(1).kill();
        }
        publishThird(2);

        settleAndCheckEveryCount();
    }

    private void startEverything() throws Exception {
        Map<String, Map<String, String>> settings = Map.of(
                "retention-service", Map.of(
                        "LAYERLINE_RETENTION_REGISTRY_TYPE", "oci",
                        "LAYERLINE_REGISTRY_URL", registry.url().toString(),
                        "LAYERLINE_RETENTION_DELETES_PER_SECOND", "50",
                        "LAYERLINE_RETENTION_RESUME_INTERVAL", "3s",
                        "LAYERLINE_RETENTION_REGISTRY_TIMEOUT", "2s"),
                "catalog-service", Map.of(),
                "promotion-service", Map.of(),
                "build-service", Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (String service : settings.keySet()) {
            String database = Infrastructure.newDatabase();
            databases.put(service, database);
            Map<String, String> environment = new HashMap<>(settings.get(service));
            environment.put("LAYERLINE_EVENTING_CONSUMER_GROUP", "faults-" + run + "-" + service);
            // a service whose database is down says so in 3 s, not after the pool's default 30 s
            environment.put("DATASOURCES_DEFAULT_CONNECTION_TIMEOUT", "3000");
            List<ServiceJar> pair = new ArrayList<>();
            instances.put(service, pair);
            for (int i = 0; i < 2; i++) {
                starting.add(CompletableFuture.runAsync(() -> {
                    ServiceJar jar = ServiceJar.start(home, service, database, environment);
                    synchronized (pair) {
                        pair.add(jar);
                    }
                }));
            }
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    }

    /** Images announced without being in a registry the service can delete from are kept by a policy. */
    private void putPolicyKeepingTheAnnouncedOnlyImages() throws Exception {
        HttpResponse<String> created = api("POST", "retention-service", "/api/v1/retention/policies", """
                {"id": "faults-%s", "registry": "fault.registry.test", "repository": "**", "priority": 1000,
                 "rules": [{"type": "keepTagsMatching", "pattern": ".*"}]}""".formatted(run));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** A third of the pushes, deployments and rebuild requests, interleaved. */
    private void publishThird(int third) {
        try (EventStream events = EventStream.onTestBroker()) {
            for (int i = third * PUSHES / 3; i < (third + 1) * PUSHES / 3; i++) {
                send(events, "pushed", Samples.event(EventTypes.IMAGE_PUSHED, "image-pushed", Map.of(
                        "/registry", "fault.registry.test", "/repository", repository(i), "/digest", digest(i),
                        "/tags", List.of("1." + i))));
                if (i % (PUSHES / DEPLOYMENTS) == 0 && i / (PUSHES / DEPLOYMENTS) < DEPLOYMENTS) {
                    send(events, "deployed", deployment("faults-" + run + "-" + i, "fault.registry.test",
                            repository(i), digest(i)));
                }
                if (i % (PUSHES / REBUILDS) == 0 && i / (PUSHES / REBUILDS) < REBUILDS) {
                    send(events, "rebuild", Samples.event(EventTypes.REBUILD_REQUESTED, "rebuild-requested", Map.of(
                            "/cascadeId", "faults-" + run, "/registry", "fault.registry.test",
                            "/repository", "faults-" + run + "/rebuild-" + i)));
                }
            }
        }
    }

    /** Pushes images to the real registry and announces them through the proxy's name; deploys the two oldest. */
    private Map<String, String> pushRealImages() {
        OciImages images = new OciImages(Registries.registry().url());
        Map<String, String> digestsByTag = new LinkedHashMap<>();
        String name = "faults-" + run + "/pruned";
        try (EventStream events = EventStream.onTestBroker()) {
            for (int i = 0; i < REAL_IMAGES; i++) {
                String digest = images.push(name, "v" + i, name + " " + i);
                digestsByTag.put("v" + i, digest);
                send(events, "pushed", Samples.event(EventTypes.IMAGE_PUSHED, "image-pushed", Map.of(
                        "/registry", registry.url().getAuthority(), "/repository", name, "/digest", digest,
                        "/tags", List.of("v" + i), "/pushedAt", Instant.now().minus(Duration.ofDays(60 - i))
                                .toString())));
            }
            for (String tag : List.of("v0", "v1")) {
                send(events, "deployed", deployment("faults-" + run + "-real-" + tag, registry.url().getAuthority(),
                        name, digestsByTag.get(tag)));
            }
        }
        return digestsByTag;
    }

    private void applyPlanThroughRegistryFailures(Map<String, String> real) throws Exception {
        String name = "faults-" + run + "/pruned";
        await().atMost(Duration.ofSeconds(120)).until(() -> inboxApplied("retention", "retention.images",
                sent.get("pushed")) == sent.get("pushed").size() && inboxApplied("retention",
                "retention.deployments", sent.get("deployed")) == sent.get("deployed").size());
        JsonNode plan = JSON.readTree(api("POST", "retention-service", "/api/v1/retention/plans", null).body());
        String id = plan.path("id").asText();
        Map<String, String> actions = new HashMap<>();
        for (JsonNode item : JSON.readTree(api("GET", "retention-service",
                "/api/v1/retention/plans/" + id + "/items?limit=1000", null).body())) {
            if (item.path("repository").asText().equals(name)) {
                actions.put(item.path("digest").asText(), item.path("action").asText());
            }
        }
        assertThat(actions).hasSize(REAL_IMAGES);
        assertThat(actions.get(real.get("v0"))).as("running in prod").isEqualTo("KEEP");
        assertThat(actions.get(real.get("v1"))).as("running in prod").isEqualTo("KEEP");
        long toDelete = actions.values().stream().filter("DELETE"::equals).count();
        assertThat(toDelete).isPositive();

        registry.mode(FaultyProxy.Mode.ERRORS);
        assertThat(api("POST", "retention-service", "/api/v1/retention/plans/" + id + "/apply", null).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> registry.failed() >= 2);
        registry.hangFor(Duration.ofSeconds(5));
        int answered = registry.failed();
        registry.mode(FaultyProxy.Mode.HANG);
        await().atMost(Duration.ofSeconds(60)).until(() -> registry.failed() > answered);
        registry.mode(FaultyProxy.Mode.PASS);
        JsonNode applied = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(
                () -> JSON.readTree(api("GET", "retention-service", "/api/v1/retention/plans/" + id, null).body()),
                summary -> summary.path("state").asText().equals("APPLIED"));

        OciImages images = new OciImages(Registries.registry().url());
        for (Map.Entry<String, String> image : real.entrySet()) {
            boolean present = images.digestOf(name, image.getValue()).isPresent();
            assertThat(present).as("%s (%s) in the registry", image.getKey(), actions.get(image.getValue()))
                    .isEqualTo(actions.get(image.getValue()).equals("KEEP"));
        }
        System.out.printf("faults: plan %s applied through %d injected registry failures: %d deleted, %s%n", id,
                registry.failed(), toDelete, applied.path("deletions"));
    }

    private void settleAndCheckEveryCount() throws Exception {
        Map<String, Supplier<Collection<String>>> expected = new LinkedHashMap<>();
        expected.put("retention.images", () -> sent.get("pushed"));
        expected.put("retention.deployments", () -> sent.get("deployed"));
        expected.put("retention.promotions", () -> distinctIds(Topics.PROMOTIONS, EventTypes.IMAGE_PROMOTED.ceType()));
        expected.put("catalog.images", () -> union(sent.get("pushed"),
                distinctIds(Topics.IMAGES, EventTypes.BUILD_FAILED.ceType())));
        expected.put("catalog.deployments", () -> sent.get("deployed"));
        expected.put("catalog.promotions", () -> distinctIds(Topics.PROMOTIONS, EventTypes.IMAGE_PROMOTED.ceType()));
        expected.put("promotion.deployments", () -> sent.get("deployed"));
        expected.put("build.rebuilds", () -> sent.get("rebuild"));
        // what is still missing, said when the wait runs out: which consumer, how far behind
        AtomicReference<String> behind = new AtomicReference<>("nothing checked yet");
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (Map.Entry<String, Supplier<Collection<String>>> consumer : expected.entrySet()) {
                    String schema = consumer.getKey().substring(0, consumer.getKey().indexOf('.'));
                    Collection<String> ids = consumer.getValue().get();
                    long applied = inboxApplied(schema, consumer.getKey(), ids);
                    if (applied != ids.size()) {
                        behind.set(consumer.getKey() + " has applied " + applied + " of " + ids.size() + " events");
                        return false;
                    }
                }
                int failed = distinctIds(Topics.IMAGES, EventTypes.BUILD_FAILED.ceType()).size();
                behind.set("the build-service has announced " + failed + " BuildFailed of " + REBUILDS);
                return failed == REBUILDS;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the suite did not settle within 240 s: " + behind.get(), e);
        }

        int pushed = sent.get("pushed").size();
        int deployed = sent.get("deployed").size();
        String mine = "faults-" + run + "/%";
        assertThat(count("retention", "SELECT count(*) FROM retention.artifact WHERE repository LIKE ?", mine))
                .as("artifacts in the inventory").isEqualTo(pushed);
        assertThat(count("catalog", "SELECT count(*) FROM catalog.image WHERE repository LIKE ?", mine))
                .as("images in the catalog").isEqualTo(pushed);
        assertThat(count("promotion", "SELECT count(*) FROM promotion.deployment WHERE repository LIKE ?", mine))
                .as("deployments in the ledger").isEqualTo(deployed);
        long labels = count("promotion", "SELECT count(*) FROM promotion.image_label WHERE repository LIKE ?", mine);
        Set<String> promoted = distinctIds(Topics.PROMOTIONS, EventTypes.IMAGE_PROMOTED.ceType());
        assertThat(promoted).as("one ImagePromoted per label given").hasSize((int) labels);
        Set<String> failed = distinctIds(Topics.IMAGES, EventTypes.BUILD_FAILED.ceType());
        assertThat(failed).as("one BuildFailed per rebuild request").hasSize(REBUILDS);
        long deadLetters = deadLetters();
        assertThat(deadLetters).as("records dead-lettered").isZero();

        for (String service : instances.keySet()) {
            for (ServiceJar jar : instances.get(service)) {
                if (jar.isAlive()) {
                    scrape(jar);
                }
            }
        }
        int emitted = promoted.size() + failed.size();
        int emittedRecords = records(Topics.PROMOTIONS, EventTypes.IMAGE_PROMOTED.ceType())
                + records(Topics.IMAGES, EventTypes.BUILD_FAILED.ceType());
        System.out.printf("faults: sent %d pushes, %d deployments, %d rebuild requests; emitted by the services"
                        + " %d events in %d records (%d sent again after a fault); duplicates suppressed by inboxes"
                        + " (surviving instances) %.0f; outbox batches retried %.0f; dead-lettered %d; all %d"
                        + " consumers applied every event exactly once%n",
                pushed, deployed, sent.get("rebuild").size(), emitted, emittedRecords, emittedRecords - emitted,
                scraped.getOrDefault("layerline_events_consumed_total{outcome=\"duplicate\"}", 0.0),
                scraped.getOrDefault("layerline_outbox_publish_failures_total", 0.0), deadLetters, expected.size());
    }

    private void killAndRestart(String service, int index) {
        ServiceJar old = instances.get(service).get(index);
        old.kill();
        instances.get(service).set(index, ServiceJar.start(home, service, databases.get(service), old.settings()));
    }

    private LayerlineEvent deployment(String id, String registryName, String repository, String digest) {
        return Samples.event(EventTypes.DEPLOYMENT_FINISHED, "deployment-finished", Map.of(
                "/deploymentId", id, "/service", repository.substring(repository.lastIndexOf('/') + 1),
                "/image/registry", registryName, "/image/repository", repository, "/image/digest", digest,
                "/finishedAt", Instant.now().toString()));
    }

    private void send(EventStream events, String kind, LayerlineEvent event) {
        sent.computeIfAbsent(kind, k -> new ArrayList<>()).add(events.publish(event));
    }

    private String repository(int i) {
        return "faults-" + run + "/app-" + (i % 30);
    }

    private String digest(int i) {
        return OciImages.sha256((run + "-" + i).getBytes(StandardCharsets.UTF_8));
    }

    private static Collection<String> union(Collection<String> first, Collection<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return all;
    }

    /** How many of {@code ids} the consumer's inbox holds. */
    private long inboxApplied(String schema, String consumer, Collection<String> ids) throws SQLException {
        return count(schema, "SELECT count(*) FROM " + schema + ".inbox WHERE consumer = ? AND event_id = ANY (?)",
                consumer, ids.toArray(String[]::new));
    }

    private long inboxCount(String schema, String consumer) throws SQLException {
        return count(schema, "SELECT count(*) FROM " + schema + ".inbox WHERE consumer = ?", consumer);
    }

    private long count(String schema, String sql, Object... parameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(databases.get(schema + "-service"), "postgres",
                ""); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i] instanceof String[] array
                        ? connection.createArrayOf("text", array) : parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Ids of the events of {@code ceType} on the topic that concern this run. */
    private Set<String> distinctIds(String topic, String ceType) {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : mine(topic, ceType)) {
            ids.add(KafkaMessageFactory.createReader(record).toEvent().getId());
        }
        return ids;
    }

    private int records(String topic, String ceType) {
        return mine(topic, ceType).size();
    }

    private List<ConsumerRecord<String, byte[]>> mine(String topic, String ceType) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.records(topic).stream()
                    .filter(record -> ceType.equals(EventStream.header(record, "ce_type")))
                    .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains("faults-" + run))
                    .toList();
        }
    }

    private long deadLetters() {
        long letters = 0;
        try (EventStream events = EventStream.onTestBroker()) {
            for (String topic : List.of(Topics.IMAGES, Topics.DEPLOYMENTS, Topics.PROMOTIONS, Topics.REBUILDS)) {
                letters += events.records(Topics.deadLetter(topic)).stream()
                        .filter(record -> new String(record.value(), StandardCharsets.UTF_8).contains(run)).count();
            }
        }
        return letters;
    }

    /** Adds the counters of an instance's /prometheus to the figures, summed over tags other than outcome. */
    private void scrape(ServiceJar jar) throws Exception {
        String text = http.send(HttpRequest.newBuilder(jar.base().resolve("/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String line : text.split("\n")) {
            Matcher metric = METRIC.matcher(line);
            if (!metric.matches()) {
                continue;
            }
            String tags = metric.group(2) == null ? "" : metric.group(2);
            String key = metric.group(1) + (tags.contains("outcome=\"duplicate\"") ? "{outcome=\"duplicate\"}" : "");
            if (key.equals("layerline_events_consumed_total{outcome=\"duplicate\"}")
                    || key.equals("layerline_outbox_publish_failures_total")) {
                scraped.merge(key, Double.parseDouble(metric.group(3)), Double::sum);
            }
        }
    }

    /**
     * Waits until a running instance of every service reports {@code component} of its health ({@code kafka},
     * {@code jdbc}) as {@code status}: the outage, or the recovery, has been noticed. The services are asked side by
     * side, so the wait is the slowest one's.
     */
    private void awaitHealth(String component, String status) {
        CompletableFuture.allOf(instances.values().stream()
                .map(running -> running.stream().filter(ServiceJar::isAlive).findFirst().orElseThrow())
                .map(jar -> CompletableFuture.runAsync(() -> await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> JSON.readTree(http.send(HttpRequest.newBuilder(jar.base().resolve("/health"))
                                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()).body())
                                .path("details").path(component).path("status").asText().equals(status))))
                .toArray(CompletableFuture[]::new)).join();
    }

    private HttpResponse<String> api(String method, String service, String path, String body) throws Exception {
        HttpRequest.Builder request = ApiTokens.request(instances.get(service).get(0).base().resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
