/**
 * Quality gates: the platform's and the owners' rules an image must meet to be built, pushed or run in an
 * environment, each with a mode ({@code enforce}, {@code warn}, {@code off}), and the one evaluation that answers CI,
 * Kubernetes admission and people alike.
 */
package io.layerline.catalog.domain.gate;
