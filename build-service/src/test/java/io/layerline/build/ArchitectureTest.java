package io.layerline.build;

import io.layerline.testing.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** The package tree is the architecture: the domain imports no framework, adapters don't import each other. */
class ArchitectureTest {

    private static final ServiceArchitecture SERVICE = ServiceArchitecture.of("io.layerline.build");

    @Test
    void theDomainImportsNothingButJavaAndItself() {
        SERVICE.domainImportsNothingButJavaAndItself();
    }

    @Test
    void theApplicationLayerDoesNotKnowItsAdapters() {
        SERVICE.applicationDoesNotKnowItsAdapters();
    }

    @Test
    void incomingAndOutgoingAdaptersDoNotImportEachOther() {
        SERVICE.adaptersDoNotImportEachOther();
    }
}
