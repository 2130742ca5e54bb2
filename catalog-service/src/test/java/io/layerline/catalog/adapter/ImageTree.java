package io.layerline.catalog.adapter;

import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.testing.EventStream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A company's images, announced as {@code ImageBuilt} events the way a build service would: each repository has one
 * tag, and builds name their bases by {@code registry/repository:tag} with the digest it resolved to.
 */
final class ImageTree {

    static final String REGISTRY = "harbor.example.com";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> tagOf = new HashMap<>();
    private final Map<String, String> digestOf = new HashMap<>();
    private final Map<String, List<String>> basesOf = new HashMap<>();
    private int builds;

    /** Builds {@code repository:tag} on {@code bases} (the last is the final stage; none means scratch). */
    ImageTree build(String repository, String tag, String... bases) {
        tagOf.put(repository, tag);
        basesOf.put(repository, List.of(bases));
        return rebuild(repository);
    }

    /** Builds a repository again on the bases' current digests: a new digest, the same tag. */
    ImageTree rebuild(String repository) {
        String digest = "sha256:" + String.format("%064x", (long) (run + repository + builds++).hashCode() & 0xffffffffL);
        digestOf.put(repository, digest);
        List<ImageBuilt.BaseImage> stages = new ArrayList<>();
        List<String> bases = basesOf.get(repository);
        if (bases.isEmpty()) {
            stages.add(new ImageBuilt.BaseImage(0, null, "scratch", null, true));
        }
        for (int i = 0; i < bases.size(); i++) {
            String base = bases.get(i);
            stages.add(new ImageBuilt.BaseImage(i, i == bases.size() - 1 ? null : "build",
                    REGISTRY + "/" + name(base) + ":" + tagOf.get(base), digestOf.get(base), i == bases.size() - 1));
        }
        try (EventStream events = EventStream.onTestBroker()) {
            events.publish(new ImageBuilt(REGISTRY, name(repository), digest, List.of(tagOf.get(repository)), 1000L,
                    List.of(new ImageBuilt.Layer(digest, 1000L, "COPY . /")), stages,
                    new ImageBuilt.Provenance("https://git.example.com/" + repository, "abc1234" + run, "main",
                            "ci", null, "Dockerfile", 1000L), Instant.now(), new ImageBuilt.Efficiency(1000L, 0L)));
        }
        return this;
    }

    /** The repository's name in the registry: unique to this run, so runs sharing a broker stay apart. */
    String name(String repository) {
        return run + "/" + repository;
    }

    /** {@code registry/repository}, as the catalog names repositories. */
    String full(String repository) {
        return REGISTRY + "/" + name(repository);
    }

    /** The short name of a full one. */
    String shortName(String full) {
        return full.substring((REGISTRY + "/" + run + "/").length());
    }

    String digest(String repository) {
        return digestOf.get(repository);
    }

    List<String> bases(String repository) {
        return basesOf.get(repository);
    }

    String run() {
        return run;
    }
}
