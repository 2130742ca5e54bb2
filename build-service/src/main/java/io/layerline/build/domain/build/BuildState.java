package io.layerline.build.domain.build;

import java.util.Set;

/** queued → running → pushed, or failed / cancelled on the way; the last three are final. */
public enum BuildState {
    QUEUED, RUNNING, PUSHED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == PUSHED || this == FAILED || this == CANCELLED;
    }

    public boolean mayBecome(BuildState next) {
        return switch (this) {
            case QUEUED -> Set.of(RUNNING, FAILED, CANCELLED).contains(next);
            case RUNNING -> Set.of(PUSHED, FAILED, CANCELLED).contains(next);
            default -> false;
        };
    }
}
