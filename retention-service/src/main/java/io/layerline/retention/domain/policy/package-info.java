/** Retention policies: rules that choose which images to keep. */
package io.layerline.retention.domain.policy;
