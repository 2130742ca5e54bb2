package io.layerline.catalog.domain.cascade;

import io.layerline.catalog.domain.cascade.Cascade.Applied;
import io.layerline.catalog.domain.cascade.Cascade.Planned;
import io.layerline.catalog.domain.cascade.Cascade.Rejected;
import io.layerline.catalog.domain.cascade.Cascade.Request;
import io.layerline.catalog.domain.cascade.CascadeItem.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** os ← jre ← maven ← app, and app also on jre (a diamond); os ← other. */
class CascadeTest {

    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");
    private static final Cascade.BaseChange OS_MOVED =
            new Cascade.BaseChange("r", "os", "12", "r/os:12", "d-os-1", "d-os-2");

    private final List<Planned> planned = List.of(
            new Planned("r/jre", 1, "d-jre-1", Set.of("r/os"), "r/os", "r/os:12"),
            new Planned("r/other", 1, "d-other-1", Set.of("r/os"), "r/os", "r/os:12"),
            new Planned("r/maven", 2, "d-maven-1", Set.of("r/jre"), "r/jre", "r/jre:17"),
            new Planned("r/app", 3, "d-app-1", Set.of("r/jre", "r/maven"), "r/jre", "r/jre:17"));

    private Cascade cascade() {
        return Cascade.plan("c1", OS_MOVED, planned, repository -> false, AT);
    }

    @Test
    void startsWithTheDirectDependantsOnTheNewBaseDigestOnly() {
        List<Request> requests = cascade().start(AT);

        assertThat(requests).containsExactly(
                new Request("r/jre", 1, "d-jre-1", "r/os:12", "d-os-1", "d-os-2"),
                new Request("r/other", 1, "d-other-1", "r/os:12", "d-os-1", "d-os-2"));
    }

    @Test
    void proceedsWaveByWaveAndADiamondWaitsForBothOfItsBases() {
        Cascade cascade = cascade();
        cascade.start(AT);

        assertThat(requested(cascade.rebuilt("r/jre", "d-jre-2", Set.of("d-os-2"), AT)))
                .extracting(Request::repository, Request::newBaseDigest).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("r/maven", "d-jre-2"));
        assertThat(requested(cascade.rebuilt("r/maven", "d-maven-2", Set.of("d-jre-2"), AT)))
                .containsExactly(new Request("r/app", 3, "d-app-1", "r/jre:17", "d-jre-1", "d-jre-2"));
        assertThat(cascade.status()).isEqualTo(Cascade.Status.RUNNING);

        cascade.rebuilt("r/app", "d-app-2", Set.of("d-jre-2", "d-maven-2"), AT);
        cascade.rebuilt("r/other", "d-other-2", Set.of("d-os-2"), AT);

        assertThat(cascade.status()).isEqualTo(Cascade.Status.FINISHED);
        assertThat(cascade.countsByState()).containsEntry(State.REBUILT, 4);
    }

    @Test
    void aBuildOnTheOldBaseIsNotTheRequestedRebuild() {
        Cascade cascade = cascade();
        cascade.start(AT);

        assertThat(cascade.rebuilt("r/jre", "d-jre-x", Set.of("d-os-1"), AT)).isInstanceOf(Rejected.class);
        assertThat(cascade.rebuilt("r/maven", "d-maven-x", Set.of("d-jre-1"), AT)).isInstanceOf(Rejected.class);
        assertThat(item(cascade, "r/jre").state()).isEqualTo(State.REQUESTED);
    }

    @Test
    void aFailedBuildStopsTheCascadeBelowIt() {
        Cascade cascade = cascade();
        cascade.start(AT);

        assertThat(requested(cascade.failed("r/jre", "compilation failed", AT))).isEmpty();

        assertThat(item(cascade, "r/jre").state()).isEqualTo(State.FAILED);
        assertThat(item(cascade, "r/maven").state()).isEqualTo(State.SKIPPED);
        assertThat(item(cascade, "r/app").state()).isEqualTo(State.SKIPPED);
        assertThat(item(cascade, "r/app").reason()).contains("r/jre");
        assertThat(item(cascade, "r/other").state()).isEqualTo(State.REQUESTED);
    }

    @Test
    void aPausedCascadeRecordsRebuildsButRequestsNothingUntilResumed() {
        Cascade cascade = cascade();
        cascade.start(AT);
        cascade.pause(AT);

        assertThat(requested(cascade.rebuilt("r/jre", "d-jre-2", Set.of("d-os-2"), AT))).isEmpty();
        assertThat(item(cascade, "r/maven").state()).isEqualTo(State.PENDING);
        assertThat(cascade.pause(AT)).isInstanceOf(Rejected.class);

        assertThat(requested(cascade.resume(AT))).extracting(Request::repository).containsExactly("r/maven");
    }

    @Test
    void anExcludedRepositoryIsSkippedAndWhatOnlyBuildsOnItToo() {
        Cascade cascade = Cascade.plan("c1", OS_MOVED, planned, repository -> repository.equals("r/jre"), AT);

        assertThat(cascade.start(AT)).extracting(Request::repository).containsExactly("r/other");
        assertThat(item(cascade, "r/maven").state()).isEqualTo(State.SKIPPED);
        assertThat(item(cascade, "r/app").state()).isEqualTo(State.SKIPPED);
        assertThat(cascade.exclude("r/other", "ops", AT)).isInstanceOf(Applied.class);
        assertThat(cascade.status()).isEqualTo(Cascade.Status.FINISHED);
        assertThat(cascade.exclude("r/other", "ops", AT)).isInstanceOf(Rejected.class);
        assertThat(cascade.exclude("r/unknown", "ops", AT)).isInstanceOf(Rejected.class);
    }

    @Test
    void repositoriesInACycleAreSkippedWithWhatBuildsOnThem() {
        Cascade cascade = Cascade.plan("c1", OS_MOVED, List.of(
                new Planned("r/a", 0, "d-a", Set.of("r/b", "r/os"), "r/os", "r/os:12"),
                new Planned("r/b", 0, "d-b", Set.of("r/a"), "r/a", "r/a:1"),
                new Planned("r/c", 1, "d-c", Set.of("r/os"), "r/os", "r/os:12")), repository -> false, AT);

        assertThat(cascade.start(AT)).extracting(Request::repository).containsExactly("r/c");
        assertThat(item(cascade, "r/a").reason()).contains("cycle");
    }

    private static List<Request> requested(Cascade.Outcome outcome) {
        assertThat(outcome).isInstanceOf(Applied.class);
        return ((Applied) outcome).requested();
    }

    private static CascadeItem item(Cascade cascade, String repository) {
        return cascade.items().stream().filter(item -> item.repository().equals(repository)).findFirst().orElseThrow();
    }
}
