/** Events the build-service publishes. */
package io.layerline.build.adapter.out.kafka;
