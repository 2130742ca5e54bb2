package io.layerline.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deliveries that other programs send, as their own code writes them ({@code producers/<producer>/<file>}; each
 * folder's README names the source every file is derived from), made the test run's own: every 64-hex digest is
 * mapped to one of the run's, and the project or namespace the file names to the run's. Tests on one broker then
 * never see each other's events.
 */
public final class ProducerCorpus {

    private static final Pattern HEX = Pattern.compile("(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");

    private final String run;
    private final String project;

    /**
     * @param run     what makes this run's digests its own
     * @param project the run's name for the project or namespace the files name
     */
    public ProducerCorpus(String run, String project) {
        this.run = run;
        this.project = project;
    }

    /**
     * The file {@code producers/<producer>/<file>} with its digests and its project {@code original} made the run's.
     */
    public String read(String producer, String file, String original) {
        String text;
        try (InputStream in = ProducerCorpus.class.getResourceAsStream("/producers/" + producer + "/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no delivery " + producer + "/" + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher hex = HEX.matcher(text);
        StringBuilder mapped = new StringBuilder();
        while (hex.find()) {
            hex.appendReplacement(mapped, hex(hex.group()));
        }
        hex.appendTail(mapped);
        return mapped.toString().replaceAll("\\b" + Pattern.quote(original) + "\\b", project);
    }

    /** The run's digest for a digest a file names. */
    public String digest(String original) {
        return "sha256:" + hex(original.substring(original.indexOf(':') + 1));
    }

    private String hex(String original) {
        return OciImages.sha256((run + original).getBytes(StandardCharsets.UTF_8)).substring("sha256:".length());
    }
}
