/** The build-service's use cases and the ports they need from the outside world. */
package io.layerline.build.application;
