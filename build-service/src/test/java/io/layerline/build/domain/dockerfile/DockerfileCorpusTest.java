package io.layerline.build.domain.dockerfile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Dockerfile of the corpus says in its comments what analysing it must give: {@code # expect:} the findings as
 * {@code rule@line}, {@code # expect-final-base:}, {@code # expect-stages:}, and optionally
 * {@code # expect-allowed:} the allowed registries.
 */
class DockerfileCorpusTest {

    private static final Pattern EXPECTATION = Pattern.compile("^# expect(-[a-z-]+)?:(.*)$", Pattern.MULTILINE);

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path directory = Path.of(DockerfileCorpusTest.class.getResource("/dockerfiles").toURI());
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void findsWhatEachDockerfileOfTheCorpusExpects(Path file) throws IOException {
        String text = Files.readString(file);
        List<String> allowed = expectation(text, "-allowed").map(value -> Arrays.asList(value.split(",")))
                .orElse(List.of());

        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(text, Map.of(),
                new DockerfileRule.Context(file.getFileName().toString(), allowed));

        List<String> found = analysis.findings().stream().map(finding -> finding.rule() + "@" + finding.line())
                .sorted().toList();
        List<String> expected = Arrays.stream(expectation(text, "").orElseThrow().split("\\s+"))
                .filter(value -> !value.isEmpty()).sorted().toList();
        assertThat(found).as("findings of %s: %s", file.getFileName(), analysis.findings()).isEqualTo(expected);
        assertThat(analysis.finalBase()).isEqualTo(expectation(text, "-final-base").orElseThrow());
        assertThat(analysis.stages()).hasSize(Integer.parseInt(expectation(text, "-stages").orElseThrow()));
        assertThat(analysis.findings()).allSatisfy(finding -> assertThat(finding.hint()).isNotBlank());
    }

    private static Optional<String> expectation(String text, String kind) {
        Matcher matcher = EXPECTATION.matcher(text);
        while (matcher.find()) {
            if (kind.equals(matcher.group(1) == null ? "" : matcher.group(1))) {
                return Optional.of(matcher.group(2).strip());
            }
        }
        return Optional.empty();
    }
}
