package io.layerline.eventing;

import io.cloudevents.kafka.KafkaMessageFactory;
import io.layerline.contracts.Topics;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.localinfra.LocalKafka;
import io.layerline.testing.EventStream;
import io.layerline.testing.Infrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Service A commits a change and its event while the broker is down; service B applies the event exactly once
 * after the broker returns, and a redelivery of it has no second effect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceAcrossBrokerOutageIT {

    private LocalKafka broker;
    private ApplicationContext producer;
    private ApplicationContext consumer;
    private String producerDatabase;
    private String consumerDatabase;

    @BeforeAll
    void start() {
        broker = LocalKafka.start(Infrastructure.workDir().resolve("outage-broker"), 0);
        producerDatabase = EventingContexts.newDatabase();
        consumerDatabase = EventingContexts.newDatabase();
        consumer = EventingContexts.start("consumer", broker.bootstrapServers(), consumerDatabase);
        producer = EventingContexts.start("producer", broker.bootstrapServers(), producerDatabase);
    }

    @AfterAll
    void stop() {
        producer.close();
        consumer.close();
        broker.stop();
    }

    @Test
    void anEventCommittedWhileTheBrokerIsDownReachesTheOtherServiceExactlyOnceWhenItReturns() throws Exception {
        ImagePushed warmUp = pushed("warm-up");
        producer.getBean(PushedImages.class).record(warmUp);
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(warmUp) == 1);

        broker.stop();
        ImagePushed duringOutage = pushed("during-outage");
        producer.getBean(PushedImages.class).record(duringOutage);

        assertThat(EventingContexts.count(producerDatabase, "SELECT count(*) FROM pushed_image WHERE digest = ?",
                duringOutage.digest())).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                pendingInOutbox() == 1 && applied(duringOutage) == 0);

        broker.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> applied(duringOutage) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingInOutbox() == 0);

        try (EventStream events = new EventStream(broker.bootstrapServers())) {
            List<ConsumerRecord<String, byte[]>> published = events.records(Topics.IMAGES).stream()
                    .filter(record -> record.key().equals(duringOutage.repository()))
                    .toList();
            assertThat(published).hasSize(1);
            ConsumerRecord<String, byte[]> original = published.get(0);
            events.publish(Topics.IMAGES, original.key(), KafkaMessageFactory.createReader(original).toEvent());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSeen() >= 1);
        assertThat(applied(duringOutage)).isEqualTo(1);
        assertThat(applied(warmUp)).isEqualTo(1);
    }

    @Test
    void aRecordRedeliveredTwiceInARowIsAppliedOnce() throws Exception {
        ImagePushed twice = pushed("redelivered-twice");
        producer.getBean(PushedImages.class).record(twice);
        await().atMost(Duration.ofSeconds(60)).until(() -> applied(twice) == 1);
        double duplicatesBefore = duplicatesSeen();

        try (EventStream events = new EventStream(broker.bootstrapServers())) {
            ConsumerRecord<String, byte[]> original = events.records(Topics.IMAGES).stream()
                    .filter(record -> record.key().equals(twice.repository())).findFirst().orElseThrow();
            var event = KafkaMessageFactory.createReader(original).toEvent();
            events.publish(Topics.IMAGES, original.key(), event);
            events.publish(Topics.IMAGES, original.key(), event);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesSeen() >= duplicatesBefore + 2);
        assertThat(applied(twice)).isEqualTo(1);
    }

    @Test
    void aChangeThatRollsBackPublishesNothing() {
        ImagePushed rolledBack = pushed("rolled-back");

        assertThatThrownBy(() -> producer.getBean(PushedImages.class).recordThenFail(rolledBack))
                .isInstanceOf(IllegalStateException.class);

        assertThat(EventingContexts.count(producerDatabase, "SELECT count(*) FROM outbox WHERE ce_subject LIKE ?",
                "%" + rolledBack.digest())).isZero();
        assertThat(EventingContexts.count(producerDatabase, "SELECT count(*) FROM pushed_image WHERE digest = ?",
                rolledBack.digest())).isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> producer.getBean(Outbox.class).publish(pushed("no-transaction")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
    }

    private long applied(ImagePushed pushed) {
        return EventingContexts.count(consumerDatabase, "SELECT count(*) FROM applied_event WHERE digest = ?",
                pushed.digest());
    }

    private long pendingInOutbox() {
        return EventingContexts.count(producerDatabase, "SELECT count(*) FROM outbox WHERE sent_at IS NULL");
    }

    private double duplicatesSeen() {
        return consumer.getBean(MeterRegistry.class).find("layerline.events.consumed")
                .tag("outcome", "duplicate").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static ImagePushed pushed(String name) {
        String digest = "sha256:" + String.format("%064x", Math.abs((long) name.hashCode()));
        return new ImagePushed("registry.test", "outage/" + name, digest, List.of("1.0"), 1024L,
                "application/vnd.oci.image.manifest.v1+json", null, "ci", Instant.parse("2026-11-25T10:00:00Z"));
    }
}
