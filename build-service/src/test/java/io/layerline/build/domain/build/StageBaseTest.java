package io.layerline.build.domain.build;

import io.layerline.build.domain.dockerfile.DockerfileAnalysis.StageSummary;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class StageBaseTest {

    private static final Map<String, String> DIGESTS = Map.of(
            "golang:1.22", "sha256:go",
            "gcr.io/distroless/static:nonroot", "sha256:distroless");

    private final List<String> asked = new ArrayList<>();

    private Optional<String> resolve(String reference) {
        asked.add(reference);
        return Optional.ofNullable(DIGESTS.get(reference));
    }

    private static StageSummary stage(int index, String name, String base, int baseStage) {
        return new StageSummary(index, name, index * 5 + 1, base, base, baseStage, 2, false);
    }

    private final List<StageSummary> stages = List.of(
            stage(0, "build", "golang:1.22", -1),
            stage(1, "test", "build", 0),
            stage(2, "final", "gcr.io/distroless/static:nonroot", -1));

    @Test
    void eachStageHasItsExternalBaseAndTheLastIsFinal() {
        assertThat(StageBase.of(stages, null, this::resolve)).containsExactly(
                new StageBase(0, "build", "golang:1.22", "sha256:go", false),
                new StageBase(1, "test", "golang:1.22", "sha256:go", false),
                new StageBase(2, "final", "gcr.io/distroless/static:nonroot", "sha256:distroless", true));
        assertThat(asked).containsExactly("golang:1.22", "gcr.io/distroless/static:nonroot");
    }

    @Test
    void aTargetEndsTheListAndAnUnknownTargetGivesNoStage() {
        assertThat(StageBase.of(stages, "TEST", this::resolve)).extracting(StageBase::stage, StageBase::finalStage)
                .containsExactly(tuple("build", false),
                        tuple("test", true));
        assertThat(StageBase.of(stages, "release", this::resolve)).isEmpty();
    }

    @Test
    void scratchAndUnsubstitutedArgumentsAreNotResolved() {
        List<StageSummary> odd = List.of(stage(0, null, "${BASE}", -1), stage(1, null, "scratch", -1),
                stage(2, null, "registry.example/unknown:1", -1));

        assertThat(StageBase.of(odd, null, this::resolve)).extracting(StageBase::digest)
                .containsExactly(null, null, null);
        assertThat(asked).containsExactly("registry.example/unknown:1");
    }
}
