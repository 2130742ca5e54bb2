/** Keeps the artifact inventory and prunes registries by deploy-aware, per-label retention policies. */
package io.layerline.retention;
