package io.layerline.contracts;

/** A record that can never be processed, however often it is retried: it belongs in the dead-letter topic. */
public class InvalidEventException extends Exception {

    /** What is wrong with it. */
    public enum Reason { MALFORMED_ENVELOPE, UNKNOWN_TYPE, MALFORMED_JSON, SCHEMA_VIOLATION }

    private final Reason reason;

    public InvalidEventException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidEventException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
