package io.layerline.console;

import io.micronaut.runtime.Micronaut;

/** The web console: its page, and one origin in front of the four services' APIs (ADR 0017). */
public final class ConsoleApplication {

    private ConsoleApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ConsoleApplication.class, args);
    }
}
