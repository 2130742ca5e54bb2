package io.layerline.catalog.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.layerline.contracts.EventTypes;
import io.layerline.contracts.v1.BaseImageUpdated;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.RebuildRequested;
import io.layerline.testing.EventStream;
import io.layerline.testing.RawApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fifty images in four tiers arrive through Kafka; a moved OS base starts a cascade that asks for rebuilds wave by
 * wave as this test, standing in for the build service, announces the rebuilt children.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CascadeIT extends CatalogApiTest {

    private RawApi api;

    @BeforeAll
    void announceTheCompanysImages() {
        api = api();
        tree.build("os/debian", "12").build("os/alpine", "3.20")
                .build("runtime/temurin17", "17", "os/debian").build("runtime/temurin21", "21", "os/debian")
                .build("runtime/python3", "3.12", "os/debian").build("runtime/node20", "20", "os/alpine")
                .build("tooling/maven", "3.9", "runtime/temurin17").build("tooling/gradle", "8", "runtime/temurin21")
                .build("tooling/java-service", "1", "runtime/temurin17")
                .build("tooling/python-service", "1", "runtime/python3")
                .build("tooling/node-service", "1", "runtime/node20").build("tooling/go", "1.23", "os/debian");
        for (int i = 0; i < 12; i++) {
            tree.build("apps/java-" + i, "1.0", "tooling/maven", "tooling/java-service");
        }
        for (int i = 0; i < 6; i++) {
            tree.build("apps/kotlin-" + i, "1.0", "tooling/gradle", "runtime/temurin21");
        }
        for (int i = 0; i < 8; i++) {
            tree.build("apps/node-" + i, "1.0", "tooling/node-service");
        }
        for (int i = 0; i < 8; i++) {
            tree.build("apps/python-" + i, "1.0", "tooling/python-service");
        }
        for (int i = 0; i < 4; i++) {
            tree.build("apps/go-" + i, "1.0", "tooling/go", "os/alpine");
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api.json("/api/v1/repositories?limit=100&q=" + tree.run()).path("items").size() == 50);
    }

    @Test
    void aMovedOsBaseIsRebuiltWaveByWaveAsChildrenAreRebuilt() {
        tree.rebuild("os/debian");

        BaseImageUpdated updated = await().atMost(Duration.ofSeconds(30)).until(
                () -> baseUpdates("os/debian"), updates -> updates.size() == 1).get(0);
        assertThat(updated.previousDigest()).isNotEqualTo(updated.newDigest());
        assertThat(updated.newDigest()).isEqualTo(tree.digest("os/debian"));
        assertThat(updated.directDependants()).isEqualTo(4);
        assertThat(updated.totalDependants()).isEqualTo(4 + 4 + 4 + 12 + 6 + 8);

        Map<String, Integer> waveOf = actAsTheBuildService(updated.cascadeId(), Set.of(), Set.of(), 38);

        assertThat(byWave(waveOf)).containsExactly(
                Map.entry(1, Set.of("runtime/temurin17", "runtime/temurin21", "runtime/python3", "tooling/go")),
                Map.entry(2, union(Set.of("tooling/maven", "tooling/gradle", "tooling/java-service",
                        "tooling/python-service"), names("apps/go-", 4))),
                Map.entry(3, union(names("apps/java-", 12), names("apps/kotlin-", 6), names("apps/python-", 8))));
        JsonNode cascade = await().atMost(Duration.ofSeconds(30)).until(
                () -> api.json("/api/v1/cascades/" + updated.cascadeId()),
                body -> body.path("status").asText().equals("finished"));
        assertThat(cascade.path("counts").path("rebuilt").asInt()).isEqualTo(38);
        assertThat(cascade.path("items").size()).isEqualTo(38);
        JsonNode java0 = item(cascade, tree.full("apps/java-0"));
        assertThat(java0.path("wave").asInt()).isEqualTo(3);
        assertThat(java0.path("rebuiltDigest").asText()).isEqualTo(tree.digest("apps/java-0"));
    }

    @Test
    void aFailedBuildStopsTheCascadeBelowItAndAnExcludedRepositoryIsSkipped() {
        tree.rebuild("os/alpine");
        BaseImageUpdated updated = await().atMost(Duration.ofSeconds(30)).until(
                () -> baseUpdates("os/alpine"), updates -> updates.size() == 1).get(0);
        String id = updated.cascadeId();
        assertThat(api.postJson("/api/v1/cascades/" + id + "/exclusions",
                "{\"repository\":\"" + tree.full("apps/go-3") + "\",\"by\":\"alice\"}").status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/cascades/" + id + "/pause", "").status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/cascades/" + id + "/pause", "").status()).isEqualTo(409);
        assertThat(api.postJson("/api/v1/cascades/" + id + "/resume", "").status()).isEqualTo(200);

        actAsTheBuildService(id, Set.of("runtime/node20"), Set.of("apps/go-3"), 4);

        JsonNode cascade = await().atMost(Duration.ofSeconds(30)).until(() -> api.json("/api/v1/cascades/" + id),
                body -> body.path("status").asText().equals("finished"));
        assertThat(item(cascade, tree.full("runtime/node20")).path("state").asText()).isEqualTo("failed");
        assertThat(item(cascade, tree.full("tooling/node-service")).path("state").asText()).isEqualTo("skipped");
        assertThat(item(cascade, tree.full("apps/node-5")).path("reason").asText()).contains("was not rebuilt");
        assertThat(item(cascade, tree.full("apps/go-3")).path("reason").asText()).isEqualTo("excluded by alice");
        assertThat(item(cascade, tree.full("apps/go-1")).path("state").asText()).isEqualTo("rebuilt");
        assertThat(cascade.path("counts").path("skipped").asInt()).isEqualTo(1 + 8 + 1);
        assertThat(api.postJson("/api/v1/cascades/unknown/pause", "").status()).isEqualTo(404);
    }

    /**
     * Rebuilds what the cascade asks for until {@code expected} requests have been answered, failing the builds of
     * {@code failing} and ignoring requests for {@code excluded}; checks each request arrives only once everything
     * it builds on in the cascade is rebuilt.
     */
    private Map<String, Integer> actAsTheBuildService(String cascadeId, Set<String> failing, Set<String> excluded,
                                                      int expected) {
        Map<String, Integer> waveOf = new LinkedHashMap<>();
        Set<String> rebuilt = new HashSet<>();
        Set<String> inCascade = new HashSet<>();
        Instant deadline = Instant.now().plusSeconds(90);
        while (waveOf.size() < expected && Instant.now().isBefore(deadline)) {
            List<RebuildRequested> requests = requests(cascadeId);
            requests.forEach(request -> inCascade.add(tree.shortName(request.registry() + "/" + request.repository())));
            for (RebuildRequested request : requests) {
                String repository = tree.shortName(request.registry() + "/" + request.repository());
                if (excluded.contains(repository) || waveOf.putIfAbsent(repository, request.wave()) != null) {
                    continue;
                }
                for (String base : tree.bases(repository)) {
                    assertThat(!inCascade.contains(base) || rebuilt.contains(base))
                            .as("%s requested before its base %s was rebuilt", repository, base).isTrue();
                }
                if (failing.contains(repository)) {
                    try (EventStream events = EventStream.onTestBroker()) {
                        events.publish(new BuildFailed("b-" + repository, request.registry(), request.repository(),
                                cascadeId, "RUN npm ci: exit status 1", Instant.now()));
                    }
                } else {
                    tree.rebuild(repository);
                    rebuilt.add(repository);
                }
            }
        }
        assertThat(waveOf).hasSize(expected);
        return waveOf;
    }

    private List<BaseImageUpdated> baseUpdates(String repository) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.events(EventTypes.BASE_IMAGE_UPDATED).stream()
                    .filter(update -> update.repository().equals(tree.name(repository))).toList();
        }
    }

    private static List<RebuildRequested> requests(String cascadeId) {
        try (EventStream events = EventStream.onTestBroker()) {
            return events.events(EventTypes.REBUILD_REQUESTED).stream()
                    .filter(request -> request.cascadeId().equals(cascadeId)).toList();
        }
    }

    private static Map<Integer, Set<String>> byWave(Map<String, Integer> waveOf) {
        Map<Integer, Set<String>> waves = new TreeMap<>();
        waveOf.forEach((repository, wave) -> waves.computeIfAbsent(wave, w -> new TreeSet<>()).add(repository));
        return waves;
    }

    private static JsonNode item(JsonNode cascade, String repository) {
        for (JsonNode item : cascade.path("items")) {
            if (item.path("repository").asText().equals(repository)) {
                return item;
            }
        }
        throw new AssertionError(repository + " is not in the cascade");
    }

    private static Set<String> names(String prefix, int count) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> union = new TreeSet<>();
        for (Set<String> set : sets) {
            union.addAll(set);
        }
        return union;
    }

}
