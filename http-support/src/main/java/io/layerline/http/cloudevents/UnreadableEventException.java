package io.layerline.http.cloudevents;

/** A request that holds no event an ingress can read: {@code field} names what is wrong, {@code reason} why. */
public class UnreadableEventException extends Exception {

    private final String field;
    private final String reason;

    public UnreadableEventException(String field, String reason) {
        super(field + " " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
