/** Keeps image metadata and the base-image dependency graph, and drives ordered rebuild cascades. */
package io.layerline.catalog;
