package io.layerline.eventing;

import io.layerline.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves a record that cannot be processed to {@code <topic>.dlq}: same key, value and headers, plus headers that
 * say what failed and where the record came from, so it can be inspected and replayed.
 */
@Singleton
public class DeadLetters {

    public static final String REASON = "dlq_reason";
    public static final String ERROR_CLASS = "dlq_error_class";
    public static final String ERROR_MESSAGE = "dlq_error_message";
    public static final String ORIGINAL_TOPIC = "dlq_original_topic";
    public static final String ORIGINAL_PARTITION = "dlq_original_partition";
    public static final String ORIGINAL_OFFSET = "dlq_original_offset";
    public static final String CONSUMER = "dlq_consumer";
    public static final String FAILED_AT = "dlq_failed_at";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_MESSAGE_BYTES = 4096;

    private final EventProducer producer;
    private final EventingConfiguration configuration;
    private final MeterRegistry meters;
    private final Clock clock;

    DeadLetters(EventProducer producer, EventingConfiguration configuration, MeterRegistry meters, Clock clock) {
        this.producer = producer;
        this.configuration = configuration;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Sends {@code record} to its dead-letter topic and waits for the broker's acknowledgement.
     *
     * @throws DeadLetterException when the broker does not take it: the record must not be skipped then
     */
    public void send(String consumer, ConsumerRecord<String, byte[]> record, String reason, Throwable error) {
        String topic = Topics.deadLetter(record.topic());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header);
        }
        letter.headers()
                .add(REASON, bytes(reason))
                .add(ERROR_CLASS, bytes(error.getClass().getName()))
                .add(ERROR_MESSAGE, bytes(truncate(String.valueOf(error.getMessage()))))
                .add(ORIGINAL_TOPIC, bytes(record.topic()))
                .add(ORIGINAL_PARTITION, bytes(String.valueOf(record.partition())))
                .add(ORIGINAL_OFFSET, bytes(String.valueOf(record.offset())))
                .add(CONSUMER, bytes(consumer))
                .add(FAILED_AT, bytes(clock.instant().toString()));
        try {
            producer.send(letter).get(configuration.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterException("cannot send a record of " + record.topic() + " to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while sending to " + topic, e);
        }
        Counter.builder("layerline.dlq.records")
                .description("Records moved to a dead-letter topic")
                .tag("topic", record.topic())
                .tag("consumer", consumer)
                .tag("reason", reason)
                .register(meters)
                .increment();
        LOG.warn("Dead-lettered {}-{}@{} for {} ({}): {}", record.topic(), record.partition(), record.offset(),
                consumer, reason, error.getMessage());
    }

    private static String truncate(String message) {
        byte[] bytes = bytes(message);
        return bytes.length <= MAX_MESSAGE_BYTES ? message
                : new String(bytes, 0, MAX_MESSAGE_BYTES, StandardCharsets.UTF_8) + "…";
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The dead-letter topic could not be written. */
    public static class DeadLetterException extends RuntimeException {
        DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
