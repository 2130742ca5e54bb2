/** Registry adapters that put promotion labels on images: Harbor's label API, or promotion tags on any OCI registry. */
package io.layerline.promotion.adapter.out.registry;
