package io.layerline.eventing;

import io.micronaut.configuration.kafka.annotation.ErrorStrategy;
import io.micronaut.configuration.kafka.annotation.ErrorStrategyValue;
import io.micronaut.configuration.kafka.annotation.KafkaListener;
import io.micronaut.configuration.kafka.annotation.OffsetReset;
import io.micronaut.configuration.kafka.annotation.OffsetStrategy;
import io.micronaut.context.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Kafka listener of the event backbone, whose methods hand each poll's records to the {@link Inbox}, which applies
 * them in one transaction, with {@code layerline.eventing.consumer-threads} consumers (3) sharing the partitions, each
 * partition still read in order by one of them. It reads a new group's topics from their start and commits offsets
 * after each poll. Error strategy: a record that cannot be processed
 * never leaves the inbox — it is dead-lettered to {@code <topic>.dlq} after bounded retries; what does leave is a
 * database or broker outage, and then the listener reads the same record again every second, never skipping it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@KafkaListener(offsetReset = OffsetReset.EARLIEST, offsetStrategy = OffsetStrategy.SYNC, batch = true,
        threadsValue = "${layerline.eventing.consumer-threads:3}",
        errorStrategy = @ErrorStrategy(value = ErrorStrategyValue.RETRY_ON_ERROR, retryDelay = "1s",
                retryCount = Integer.MAX_VALUE, handleAllExceptions = true))
public @interface EventConsumer {

    /** The consumer group; instances of one service share it. */
    @AliasFor(annotation = KafkaListener.class, member = "groupId")
    String group();
}
