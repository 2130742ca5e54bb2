package io.layerline.eventing;

import io.layerline.contracts.Topics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Creates the backbone's topics and their dead-letter topics when they are missing, with the configured partitions,
 * before any listener subscribes. Where topics are managed elsewhere, set
 * {@code layerline.eventing.create-topics=false}.
 */
@Context
@Requires(property = "layerline.eventing.create-topics", notEquals = "false")
class TopicsInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(TopicsInitializer.class);

    private final String bootstrapServers;
    private final EventingConfiguration configuration;

    TopicsInitializer(@Value("${kafka.bootstrap.servers}") String bootstrapServers,
                      EventingConfiguration configuration) {
        this.bootstrapServers = bootstrapServers;
        this.configuration = configuration;
    }

    @PostConstruct
    void createMissingTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream()
                    .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, configuration.partitions(), configuration.replicationFactor()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((topic, result) -> {
                try {
                    result.get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {} with {} partitions", topic, configuration.partitions());
                } catch (ExecutionException e) {
                    LOG.debug("Topic {} not created: {}", topic, e.getCause().toString());
                } catch (TimeoutException | InterruptedException e) {
                    throw new IllegalStateException("cannot create topic " + topic, e);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
    }
}
