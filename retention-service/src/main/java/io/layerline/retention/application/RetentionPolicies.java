package io.layerline.retention.application;

import io.layerline.retention.domain.inventory.RepositoryId;
import io.layerline.retention.domain.policy.RetentionPolicy;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The policy that governs a repository. Today one policy governs every repository: the default rule set (keep
 * the newest 2 used unlabelled images, 10 {@code maybe_prod}, 10 {@code prod}, and a 7-day grace period).
 */
@Singleton
public class RetentionPolicies {

    private static final RetentionPolicy DEFAULT = RetentionPolicy.defaults("default", "**", "**");

    public Optional<RetentionPolicy> governing(RepositoryId repository) {
        return Optional.of(DEFAULT).filter(policy -> policy.governs(repository));
    }
}
