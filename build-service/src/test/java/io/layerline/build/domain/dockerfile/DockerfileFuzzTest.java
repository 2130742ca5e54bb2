package io.layerline.build.domain.dockerfile;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever text arrives — random characters, or a corpus Dockerfile with lines cut, duplicated, swapped and
 * garbled — the analyzer answers with an analysis (findings with lines inside the file) and never throws.
 */
class DockerfileFuzzTest {

    private static final List<String> CORPUS = corpus();
    private static final DockerfileRule.Context CONTEXT = new DockerfileRule.Context("Dockerfile",
            List.of("harbor.example.com"));

    @Property(tries = 500)
    void anyTextIsAnalysedWithoutFailing(@ForAll @StringLength(max = 2000) String text) {
        assertAnalysable(text);
    }

    @Property(tries = 1000)
    void mutatedDockerfilesAreAnalysedWithoutFailing(@ForAll("mutated") String text) {
        assertAnalysable(text);
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> fragments = Arbitraries.of("\\", "`", "<<EOF", "<<-'X'", "${", "$A", "${A:-", "${B:+x}",
                "[\"", "\"]", "# escape=`", "# syntax=x", "FROM", "AS", " AS x", "--mount=type=cache,target=/x",
                "RUN", "COPY --from=0", "\u0000", "\uFFFF", "\r\n", "\t", "ARG", "USER root", "rm -rf /", "@sha256:");
        return Arbitraries.of(CORPUS).flatMap(file -> Arbitraries.integers().between(1, 8).flatMap(edits ->
                Arbitraries.integers().between(0, 1_000_000).list().ofSize(edits * 2)
                        .flatMap(positions -> fragments.list().ofSize(edits).map(inserted ->
                                mutate(file, positions, inserted)))));
    }

    private static String mutate(String file, List<Integer> positions, List<String> inserted) {
        List<String> lines = new java.util.ArrayList<>(file.lines().toList());
        for (int i = 0; i < inserted.size(); i++) {
            int at = positions.get(2 * i) % (lines.size() + 1);
            switch (positions.get(2 * i + 1) % 4) {
                case 0 -> lines.add(at, inserted.get(i));
                case 1 -> {
                    if (at < lines.size()) {
                        lines.remove(at);
                    }
                }
                case 2 -> {
                    if (at < lines.size()) {
                        lines.set(at, lines.get(at) + inserted.get(i));
                    }
                }
                default -> {
                    if (at < lines.size()) {
                        lines.add(at, lines.get(at));
                    }
                }
            }
        }
        return String.join("\n", lines);
    }

    private static void assertAnalysable(String text) {
        DockerfileAnalysis analysis = DockerfileAnalyzer.analyze(text, Map.of("A", "1"), CONTEXT);
        long lines = text.lines().count();
        assertThat(analysis.findings()).allSatisfy(finding -> {
            assertThat(finding.line()).isBetween(0, (int) Math.max(lines, 1));
            assertThat(finding.hint()).isNotBlank();
        });
    }

    private static List<String> corpus() {
        try (Stream<Path> files = Files.list(Path.of(DockerfileFuzzTest.class.getResource("/dockerfiles").toURI()))) {
            return files.sorted().map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
