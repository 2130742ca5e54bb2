/** Events the build-service consumes. */
package io.layerline.build.adapter.in.kafka;
