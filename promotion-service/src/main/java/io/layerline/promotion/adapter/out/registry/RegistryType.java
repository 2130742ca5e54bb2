package io.layerline.promotion.adapter.out.registry;

/** {@code layerline.promotion.registry.type}: {@code none}, {@code oci} or {@code harbor}. */
final class RegistryType {

    static final String PROPERTY = "layerline.promotion.registry.type";

    private RegistryType() {
    }
}
