/** Registries through the OCI distribution API. */
package io.layerline.build.adapter.out.registry;
