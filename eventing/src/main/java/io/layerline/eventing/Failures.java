package io.layerline.eventing;

import org.apache.kafka.common.errors.RetriableException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

/** Tells failures of the infrastructure (wait and try again, however long) from failures of a record. */
final class Failures {

    private Failures() {
    }

    /**
     * Whether {@code error} says the database or the broker cannot be reached. Such an error says nothing about the
     * record, so the record must never be dead-lettered for it.
     */
    static boolean isInfrastructure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof RetriableException
                    || cause instanceof DeadLetters.DeadLetterException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause.getClass().getName().endsWith("CannotGetJdbcConnectionException")
                    || cause.getClass().getName().endsWith("CannotCreateTransactionException")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
