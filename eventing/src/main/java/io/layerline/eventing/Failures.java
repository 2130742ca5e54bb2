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
     * Whether {@code error} says the database or the broker cannot be reached, or PostgreSQL rolled the transaction
     * back to resolve a deadlock or a serialization conflict with another consumer (class 40). Such an error says
     * nothing about the record, so the record must never be dead-lettered for it.
     */
    static boolean isInfrastructure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException || cause instanceof RetriableException
                    || cause instanceof DeadLetters.DeadLetterException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")
                    || sql.getSQLState().startsWith("40"))) {
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
