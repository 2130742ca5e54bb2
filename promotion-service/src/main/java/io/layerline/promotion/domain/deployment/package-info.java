/** Deployments as deployers report them, and the images they ran. */
package io.layerline.promotion.domain.deployment;
