/** Keeps the deployment ledger and turns successful deployments into promotion labels in the registry. */
package io.layerline.promotion;
