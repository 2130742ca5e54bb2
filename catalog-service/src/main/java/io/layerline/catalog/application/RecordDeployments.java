package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Deployments;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Keeps where images run and the labels they earned, so impact and details can say what is live. */
@Singleton
public class RecordDeployments {

    private final Deployments deployments;

    RecordDeployments(Deployments deployments) {
        this.deployments = deployments;
    }

    @Transactional
    public void deployed(Deployment deployment) {
        deployments.deployed(deployment);
    }

    @Transactional
    public void promoted(String registry, String repository, String digest, String label, Instant at) {
        deployments.labelled(registry, repository, digest, label, at);
    }
}
