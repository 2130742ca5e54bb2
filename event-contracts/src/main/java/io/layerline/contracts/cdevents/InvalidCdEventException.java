package io.layerline.contracts.cdevents;

import java.util.List;

/** A CDEvent we cannot take: not JSON, of a type we do not accept, or against its schema. */
public class InvalidCdEventException extends Exception {

    private final List<String> violations;

    public InvalidCdEventException(String message, List<String> violations) {
        super(violations.isEmpty() ? message : message + ": " + String.join("; ", violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
