package io.layerline.catalog.application;

import io.layerline.testing.Infrastructure;
import io.layerline.testing.OciImages;
import io.layerline.testing.Rows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Images recorded together in a poll's transaction leave the catalog exactly as the same images recorded one at a
 * time in that transaction: images, bases, tag history, heads, and the cascades their tag moves start and their
 * rebuilds advance. One random history of builds in four tiers — bases named by tags that move, re-announced images,
 * unresolved bases — is recorded twice in two copies under different registries and digests: once in polls of random
 * sizes given whole to {@link RecordImages#built}, once with the same polls given an image at a time.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordImagesIT implements TestPropertyProvider {

    private static final int BUILDS = 400;

    @Inject
    RecordImages recordImages;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return Infrastructure.serviceProperties();
    }

    @RepeatedTest(5)
    void imagesRecordedTogetherLeaveWhatImagesRecordedOneAtATimeLeave() {
        long seed = new Random().nextLong();
        List<List<Build>> polls = history(new Random(seed));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Copy together = new Copy("together-" + run + ".example");
        Copy alone = new Copy("alone-" + run + ".example");

        for (List<Build> poll : polls) {
            transactions.executeWrite(status -> {
                recordImages.built(poll.stream().map(together::built).toList());
                return null;
            });
            transactions.executeWrite(status -> {
                poll.forEach(build -> recordImages.built(List.of(alone.built(build))));
                return null;
            });
        }

        List<String> expected = state(alone);
        assertThat(expected).as("seed %d", seed).anyMatch(row -> row.startsWith("cascade "));
        assertThat(state(together)).as("seed %d", seed).isEqualTo(expected);
    }

    /** A build in registry-neutral terms: repository, numbered digest, tags, bases as repository:tag. */
    private record Build(String repository, int digest, Set<String> tags, List<BaseName> bases, Instant at) {
    }

    /** A stage's base: a repository and tag, and the number of the digest it resolved to, or null. */
    private record BaseName(String repository, String tag, Integer digest) {
    }

    /**
     * Builds of OS, runtime, tooling and app repositories in random order, each on tags of the tier below as they
     * stood when it was built (some left unresolved), a few announced twice, cut into polls of 1 to 60.
     */
    private static List<List<Build>> history(Random random) {
        List<List<String>> tiers = List.of(List.of("os/debian", "os/alpine"),
                List.of("runtime/temurin", "runtime/python", "runtime/node"),
                List.of("tooling/maven", "tooling/gradle", "tooling/pip", "tooling/npm"),
                List.of("apps/a", "apps/b", "apps/c", "apps/d", "apps/e", "apps/f", "apps/g", "apps/h"));
        List<String> tagNames = List.of("latest", "1", "2");
        Map<String, Integer> tagged = new HashMap<>();
        List<Build> builds = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        int digests = 0;
        while (builds.size() < BUILDS) {
            at = at.plusSeconds(60);
            if (!builds.isEmpty() && random.nextInt(20) == 0) {
                Build again = builds.get(random.nextInt(builds.size()));
                builds.add(new Build(again.repository(), again.digest(), again.tags(), again.bases(), at));
                continue;
            }
            int tier = random.nextInt(tiers.size());
            String repository = tiers.get(tier).get(random.nextInt(tiers.get(tier).size()));
            Set<String> tags = new HashSet<>();
            tagNames.stream().filter(tag -> random.nextInt(3) > 0).forEach(tags::add);
            List<BaseName> bases = new ArrayList<>();
            if (tier > 0) {
                for (int stage = 0; stage <= random.nextInt(2); stage++) {
                    List<String> below = tiers.get(tier - 1 - random.nextInt(tier == 1 ? 1 : 2));
                    String base = below.get(random.nextInt(below.size()));
                    String tag = tagNames.get(random.nextInt(tagNames.size()));
                    Integer digest = random.nextInt(5) == 0 ? null : tagged.get(base + ":" + tag);
                    bases.add(new BaseName(base, tag, digest));
                }
            }
            int digest = digests++;
            tags.forEach(tag -> tagged.put(repository + ":" + tag, digest));
            builds.add(new Build(repository, digest, tags, bases, at));
        }
        List<List<Build>> polls = new ArrayList<>();
        for (int from = 0; from < builds.size(); ) {
            int to = Math.min(builds.size(), from + 1 + random.nextInt(60));
            polls.add(builds.subList(from, to));
            from = to;
        }
        return polls;
    }

    /** The history written under a registry of its own, with digests of its own. */
    private static final class Copy {

        private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

        private final String registry;
        private final Map<String, Integer> numbers = new HashMap<>();

        Copy(String registry) {
            this.registry = registry;
            for (int n = 0; n < BUILDS; n++) {
                numbers.put(digest(n), n);
            }
        }

        String registry() {
            return registry;
        }

        String digest(int number) {
            return OciImages.sha256((registry + "/" + number).getBytes(StandardCharsets.UTF_8));
        }

        RecordImages.Built built(Build build) {
            List<StageBase> bases = new ArrayList<>();
            for (int stage = 0; stage < build.bases().size(); stage++) {
                BaseName base = build.bases().get(stage);
                bases.add(new StageBase(stage, registry + "/" + base.repository() + ":" + base.tag(),
                        base.digest() == null ? null : digest(base.digest()), stage == build.bases().size() - 1));
            }
            return new RecordImages.Built(new Image(registry, build.repository(), digest(build.digest()),
                    build.tags(), 1000L + build.digest(), 3, null, null, null, null, null), bases, build.at());
        }

        /** A value of this copy in neutral terms: its registry and digests replaced by placeholders. */
        String neutral(String value) {
            return value == null ? null : DIGEST.matcher(value.replace(registry, "REGISTRY"))
                    .replaceAll(digest -> "#" + numbers.getOrDefault(digest.group(), -1));
        }
    }

    /** Every row the copy left, in neutral terms: the tag history in its order, the other tables sorted. */
    private List<String> state(Copy copy) {
        List<String> rows = new ArrayList<>();
        rows.addAll(sorted(rows(copy, """
                SELECT 'image ' || repository || ' ' || digest || ' ' || tags::text || ' ' || size || ' '
                       || seen_at::text
                FROM image WHERE registry = ?""")));
        rows.addAll(sorted(rows(copy, """
                SELECT 'base ' || e.child_digest || ' ' || e.stage_index || ' ' || e.reference || ' '
                       || coalesce(e.base_digest, '-') || ' ' || e.final_stage
                FROM base_edge e JOIN image i ON i.digest = e.child_digest AND i.registry = ?""")));
        rows.addAll(rows(copy, """
                SELECT 'tag ' || repository || ':' || tag || ' ' || digest || ' ' || since::text
                FROM tag_history WHERE registry = ? ORDER BY id"""));
        rows.addAll(sorted(rows(copy, """
                SELECT 'head ' || repository || ' ' || digest || ' ' || since::text
                FROM repository_head WHERE registry = ?""")));
        rows.addAll(sorted(rows(copy, """
                SELECT 'cascade ' || c.base_repository || ':' || c.base_tag || ' ' || c.previous_digest || ' '
                       || c.new_digest || ' ' || c.status || ' '
                       || (SELECT string_agg(i.repository || '=' || i.state || '@' || i.wave || '/'
                                             || coalesce(i.rebuilt_digest, '-'), ',' ORDER BY i.repository)
                           FROM cascade_item i WHERE i.cascade_id = c.id)
                FROM cascade c WHERE c.base_registry = ?""")));
        return rows;
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    private List<String> rows(Copy copy, String sql) {
        return transactions.executeRead(status -> Rows.firstColumn(status.getConnection(), sql, copy.registry()))
                .stream().map(copy::neutral).toList();
    }
}
