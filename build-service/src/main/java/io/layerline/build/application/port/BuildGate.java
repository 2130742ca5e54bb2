package io.layerline.build.application.port;

import io.layerline.build.domain.build.StageBase;

import java.util.List;

/**
 * The quality gate a build asks before it builds and pushes: the catalog's evaluation of the image about to be
 * built from its resolved bases (ADR 0018).
 */
public interface BuildGate {

    /** What the gate answered, or that it could not be asked. */
    sealed interface Verdict permits Off, Passed, Refused, Unavailable {
    }

    /** No gate is configured. */
    record Off() implements Verdict {
    }

    /** @param message "every rule holds", or the warnings */
    record Passed(String outcome, String message) implements Verdict {
    }

    /** An enforced rule failed: the message names each rule and its reason. */
    record Refused(String message) implements Verdict {
    }

    /** @param reason why the gate could not answer (unreachable, refused the token, answered garbage) */
    record Unavailable(String reason) implements Verdict {
    }

    /** The verdict on {@code registry/repository:tag}, built on {@code bases}, for the configured environment. */
    Verdict check(String registry, String repository, String tag, List<StageBase> bases);
}
