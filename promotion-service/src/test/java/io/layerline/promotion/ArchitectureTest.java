package io.layerline.promotion;

import io.layerline.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * The package tree is the architecture: the domain imports no framework, adapters don't import each other, and the
 * controllers call use cases, never an outgoing port.
 */
class ArchitectureTest extends ServiceArchitecture {

    ArchitectureTest() {
        super("io.layerline.promotion");
    }

    @Test
    void controllersCallUseCasesOnly() {
        controllersCallNoOutgoingPort();
    }
}
