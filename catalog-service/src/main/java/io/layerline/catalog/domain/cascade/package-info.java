/** A rebuild cascade: what a moved base tag makes stale, rebuilt wave by wave, stopping where a build fails. */
package io.layerline.catalog.domain.cascade;
