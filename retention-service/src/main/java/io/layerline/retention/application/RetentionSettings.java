package io.layerline.retention.application;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code layerline.retention}, with its defaults in {@code application.yml}.
 *
 * @param rollbackEnvironment the environment whose deployments make rollback sets
 * @param rollbackDepth       how many earlier images of each service a rollback may go back to
 * @param deletesPerSecond    the most deletions a plan's execution sends a registry each second
 * @param resumeInterval      how soon a plan whose execution stopped on an error is picked up again
 * @param undoWindow          how long a deletion can be undone: its manifests are kept and its blobs held from garbage
 *                            collection until then; zero keeps nothing
 */
@ConfigurationProperties("layerline.retention")
public record RetentionSettings(String rollbackEnvironment, int rollbackDepth, double deletesPerSecond,
                                Duration resumeInterval, Duration undoWindow) {

    public RetentionSettings {
        if (rollbackDepth < 0 || !(deletesPerSecond > 0) || resumeInterval.isNegative() || undoWindow.isNegative()) {
            throw new IllegalArgumentException("layerline.retention: rollback-depth must be 0 or more, "
                    + "deletes-per-second more than 0, resume-interval and undo-window not negative");
        }
    }
}
