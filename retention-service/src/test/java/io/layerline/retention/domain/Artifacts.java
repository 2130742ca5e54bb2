package io.layerline.retention.domain;

import io.layerline.retention.adapter.out.registry.RegistryKinds;
import io.layerline.retention.domain.inventory.Artifact;
import io.layerline.retention.domain.inventory.ArtifactId;
import io.layerline.retention.domain.inventory.Structure;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Fixtures that read like the domain: {@code anImage("a").labelled("prod").deployedDaysAgo(3)}. */
public final class Artifacts {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    public static final String REGISTRY = "harbor.example.com";

    private String repository = "team/app";
    private final String seed;
    private final Set<String> labels = new HashSet<>();
    private final Set<String> tags = new HashSet<>();
    private final Set<String> runningIn = new HashSet<>();
    private Instant pushedAt = NOW.minus(Duration.ofDays(60));
    private Instant lastDeployedAt;
    private long size = 100_000_000L;
    private boolean immutable;
    private Structure structure;

    private Artifacts(String seed) {
        this.seed = seed;
    }

    public static Artifacts anImage(String seed) {
        return new Artifacts(seed);
    }

    public static String digest(String seed) {
        return "sha256:" + String.format("%64s", Integer.toHexString(seed.hashCode())).replace(' ', '0');
    }

    public static ArtifactId id(String repository, String seed) {
        return new ArtifactId(REGISTRY, repository, digest(seed));
    }

    public Artifacts in(String repository) {
        this.repository = repository;
        return this;
    }

    public Artifacts labelled(String... labels) {
        this.labels.addAll(Set.of(labels));
        return this;
    }

    public Artifacts tagged(String... tags) {
        this.tags.addAll(Set.of(tags));
        return this;
    }

    public Artifacts pushedDaysAgo(long days) {
        this.pushedAt = NOW.minus(Duration.ofDays(days));
        return this;
    }

    public Artifacts deployedDaysAgo(long days) {
        this.lastDeployedAt = NOW.minus(Duration.ofDays(days));
        return this;
    }

    public Artifacts deployedMinutesAgo(long minutes) {
        this.lastDeployedAt = NOW.minus(Duration.ofMinutes(minutes));
        return this;
    }

    public Artifacts runningIn(String environment) {
        this.runningIn.add(environment);
        return this;
    }

    public Artifacts immutable() {
        this.immutable = true;
        return this;
    }

    public Artifacts sized(long size) {
        this.size = size;
        return this;
    }

    /** What the registry says it is and names; by default what its tags say, unread. */
    public Artifacts structure(Structure structure) {
        this.structure = structure;
        return this;
    }

    public Artifact build() {
        return new Artifact(id(repository, seed), tags, size, labels, Optional.ofNullable(pushedAt),
                Optional.ofNullable(lastDeployedAt), runningIn, immutable,
                structure == null ? RegistryKinds.byTags(tags) : structure);
    }
}
