package io.layerline.promotion.adapter;

import io.layerline.testing.Infrastructure;

import java.util.HashMap;
import java.util.Map;

/** The service on the test servers, applying labels as promotion tags in the OCI registry at {@code registryUrl}. */
final class TestProperties {

    private TestProperties() {
    }

    static Map<String, String> withOciRegistry(String registryUrl) {
        Map<String, String> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.put("layerline.promotion.registry.type", "oci");
        properties.put("layerline.promotion.registry.oci.url", registryUrl);
        properties.put("layerline.promotion.labels.apply-interval", "200ms");
        return properties;
    }
}
