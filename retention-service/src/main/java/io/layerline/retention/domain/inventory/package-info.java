/** The artifacts retention decides about, and what is known of their use. */
package io.layerline.retention.domain.inventory;
