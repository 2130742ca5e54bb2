/**
 * The one client of OCI registries: {@link io.layerline.registry.RegistryClient} speaks the distribution API v1.1
 * (with anonymous, basic and bearer-token authentication) to one registry described by a
 * {@link io.layerline.registry.RegistryAccess}; {@link io.layerline.registry.Manifest} reads what a manifest or an
 * index names; {@link io.layerline.registry.HarborNames} holds Harbor's naming rules.
 */
package io.layerline.registry;
