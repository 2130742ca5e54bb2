package io.layerline.localinfra;

import java.time.Duration;

/** Pauses between polls of a server that is starting. */
final class Sleeper {

    private Sleeper() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
