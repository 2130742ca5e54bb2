package io.layerline.eventing;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** What is an outage or a conflict between consumers (retry, never blame the record) and what is the record's fault. */
class FailuresTest {

    @Test
    void outagesAndConflictsBetweenTransactionsAreNotTheRecordsFault() {
        assertThat(Failures.isInfrastructure(new SQLTransientConnectionException("pool exhausted"))).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("connection refused", "08006"))).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(Failures.isInfrastructure(new SQLException("could not serialize access", "40001"))).isTrue();
        assertThat(Failures.isInfrastructure(new TimeoutException("broker"))).isTrue();
        assertThat(Failures.isInfrastructure(new IllegalStateException("wrapped",
                new SQLException("deadlock detected", "40P01")))).isTrue();
    }

    @Test
    void whatTheRecordCausedIsItsFault() {
        assertThat(Failures.isInfrastructure(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Failures.isInfrastructure(new SQLException("value too long", "22001"))).isFalse();
        assertThat(Failures.isInfrastructure(new IllegalArgumentException("no such environment"))).isFalse();
        assertThat(Failures.isInfrastructure(new SQLException("no state"))).isFalse();
    }
}
