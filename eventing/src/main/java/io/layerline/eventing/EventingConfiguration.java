package io.layerline.eventing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * Settings under {@code layerline.eventing}.
 *
 * @param source            the CloudEvents source of everything this service publishes; by default
 *                          {@code /layerline/<micronaut.application.name>}
 * @param outboxBatchSize   rows the relay sends per transaction
 * @param sendTimeout       how long the relay waits for the broker to acknowledge a batch
 * @param outboxRetention   how long sent outbox rows are kept for inspection
 * @param inboxRetention    how long processed event ids are remembered; redeliveries older than this are not detected
 * @param maxAttempts       attempts at a failing record before it goes to the dead-letter topic
 * @param retryBackoff      pause before the second attempt; doubled for each further one
 * @param partitions        partitions of the topics the service creates when they are missing
 * @param replicationFactor replication factor of those topics
 */
@ConfigurationProperties("layerline.eventing")
public record EventingConfiguration(
        @Nullable URI source,
        @Bindable(defaultValue = "500") int outboxBatchSize,
        @Bindable(defaultValue = "30s") Duration sendTimeout,
        @Bindable(defaultValue = "7d") Duration outboxRetention,
        @Bindable(defaultValue = "30d") Duration inboxRetention,
        @Bindable(defaultValue = "3") int maxAttempts,
        @Bindable(defaultValue = "200ms") Duration retryBackoff,
        @Bindable(defaultValue = "6") int partitions,
        @Bindable(defaultValue = "1") short replicationFactor) {
}
