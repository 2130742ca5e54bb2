package io.layerline.catalog;

import io.layerline.testing.ServiceArchitecture;

/**
 * The package tree is the architecture: the domain imports no framework, incoming adapters call use cases and never
 * a port, outgoing adapters implement ports, and adapters of the two directions don't import each other.
 */
class ArchitectureTest extends ServiceArchitecture {

    ArchitectureTest() {
        super("io.layerline.catalog");
    }
}
