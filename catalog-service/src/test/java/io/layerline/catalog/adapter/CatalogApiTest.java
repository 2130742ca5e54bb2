package io.layerline.catalog.adapter;

import io.layerline.testing.Infrastructure;
import io.layerline.testing.RawApi;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/** A catalog-service on the test infrastructure, its REST API, and a tree of images to announce to it. */
abstract class CatalogApiTest implements TestPropertyProvider {

    final ImageTree tree = new ImageTree();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.putAll(settings());
        return properties;
    }

    /** Settings of the service under test beyond the infrastructure's. */
    Map<String, String> settings() {
        return Map.of();
    }

    RawApi api() {
        return new RawApi(server.getURI());
    }
}
