package io.layerline.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.awaitility.Awaitility.await;

/**
 * A service's consumer group on this JVM's broker. A new test context first applies the events earlier test classes
 * left on the topics; a test that compares the service's tables before and after a request waits for that first.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Waits until {@code group} is stable, with members, and has committed every partition assigned to it up to the
     * partition's end: every event already on its topics has been applied.
     */
    public static void awaitCaughtUp(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> caughtUp(admin, group));
        }
    }

    private static boolean caughtUp(Admin admin, String group) throws ExecutionException, InterruptedException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(Set.of(group)).describedGroups()
                .get(group).get();
        if (description.state() != ConsumerGroupState.STABLE || description.members().isEmpty()) {
            return false;
        }
        Set<TopicPartition> assigned = new HashSet<>();
        for (MemberDescription member : description.members()) {
            assigned.addAll(member.assignment().topicPartitions());
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        assigned.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return assigned.stream().allMatch(partition -> {
            long end = ends.get(partition).offset();
            return end == 0 || committed.get(partition) != null && committed.get(partition).offset() >= end;
        });
    }
}
