/** The base-image dependency graph: images, their bases, and the tiers they belong to. */
package io.layerline.catalog.domain.graph;
