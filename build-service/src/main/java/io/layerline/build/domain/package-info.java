/** The build-service's domain model: pure Java, no framework, no I/O. */
package io.layerline.build.domain;
