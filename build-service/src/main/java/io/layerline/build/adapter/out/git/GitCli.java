package io.layerline.build.adapter.out.git;

import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.port.GitRepositories;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clones with the {@code git} command: shallow, one branch, no tags, no prompts, the {@code file} protocol and
 * HTTP redirects refused, within a time limit.
 */
@Singleton
class GitCli implements GitRepositories {

    private final Duration timeout;

    GitCli(@Value("${layerline.build.git.timeout}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Checkout clone(String url, String ref, Path directory) throws BuildFailure {
        List<String> clone = new ArrayList<>(List.of("git", "-c", "protocol.file.allow=never",
                "-c", "http.followRedirects=false", "clone", "--depth", "1", "--single-branch", "--no-tags"));
        if (ref != null && !ref.isBlank()) {
            if (ref.startsWith("-")) {
                throw new BuildFailure("ref " + ref + " is not a branch or tag name");
            }
            clone.addAll(List.of("--branch", ref));
        }
        clone.addAll(List.of("--", url, directory.toString()));
        run(clone, directory.getParent());
        String[] head = run(List.of("git", "-C", directory.toString(), "log", "-1", "--format=%H %ct"),
                directory.getParent()).strip().split(" ");
        return new Checkout(head[0], Instant.ofEpochSecond(Long.parseLong(head[1])));
    }

    private String run(List<String> command, Path workDir) throws BuildFailure {
        try {
            Path output = Files.createTempFile(workDir, "git-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("GIT_TERMINAL_PROMPT", "0");
            builder.environment().put("GIT_ALLOW_PROTOCOL", "https:ssh:git");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BuildFailure("git took longer than " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new BuildFailure("git failed: " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new BuildFailure("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted while cloning", e);
        }
    }
}
