package io.layerline.build;

import io.layerline.testing.ServiceArchitecture;

/** The package tree is the architecture: the domain imports no framework, adapters don't import each other. */
class ArchitectureTest extends ServiceArchitecture {

    ArchitectureTest() {
        super("io.layerline.build");
    }
}
