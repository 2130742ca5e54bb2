/**
 * The retention-service's use cases, with the commands they take and the outcomes they give; the ports they need are
 * in {@code port}.
 */
package io.layerline.retention.application;
