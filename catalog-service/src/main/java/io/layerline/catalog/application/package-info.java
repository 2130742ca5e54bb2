/** The catalog-service's use cases and the ports they need from the outside world. */
package io.layerline.catalog.application;
