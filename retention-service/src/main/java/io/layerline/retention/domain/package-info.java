/** The retention-service's domain model: pure Java, no framework, no I/O. */
package io.layerline.retention.domain;
