/** Promotion labels: which environment earns which label, and what a deployment promotes. */
package io.layerline.promotion.domain.label;
