package io.layerline.promotion.domain;

import io.layerline.promotion.domain.deployment.Deployment;
import io.layerline.promotion.domain.deployment.ImageCoordinates;

import java.time.Instant;
import java.util.Optional;

/** Fixtures that read like the domain: {@code aDeployment().of("c1").to("prod").finishedMinutesAgo(5)}. */
public final class Deployments {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private String id = "d-1";
    private String service = "checkout-api";
    private String environment = "prod";
    private String repository = "payments/checkout-api";
    private String digestSeed = "c1";
    private Deployment.Status status = Deployment.Status.SUCCEEDED;
    private Instant finishedAt = NOW;

    public static Deployments aDeployment() {
        return new Deployments();
    }

    public static String digest(String seed) {
        return "sha256:" + String.format("%64s", Integer.toHexString(seed.hashCode())).replace(' ', '0');
    }

    public Deployments id(String id) {
        this.id = id;
        return this;
    }

    public Deployments of(String digestSeed) {
        this.digestSeed = digestSeed;
        return this;
    }

    public Deployments to(String environment) {
        this.environment = environment;
        return this;
    }

    public Deployments inRepository(String repository) {
        this.repository = repository;
        return this;
    }

    public Deployments failed() {
        this.status = Deployment.Status.FAILED;
        return this;
    }

    public Deployments finishedMinutesAgo(long minutes) {
        this.finishedAt = NOW.minusSeconds(minutes * 60);
        return this;
    }

    public Deployment build() {
        return new Deployment(id, service, environment,
                new ImageCoordinates("harbor.example.com", repository, digest(digestSeed), Optional.of("1.0")),
                Deployment.Kind.DEPLOYED, status, Optional.of("argocd"), Optional.of("eu-1"), Optional.empty(),
                finishedAt);
    }
}
