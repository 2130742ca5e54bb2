/** The promotion-service's domain model: pure Java, no framework, no I/O. */
package io.layerline.promotion.domain;
