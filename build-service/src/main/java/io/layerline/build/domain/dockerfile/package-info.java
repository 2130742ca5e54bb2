/** Dockerfiles read as the builder reads them — directives, continuations, heredocs, stages — and what is wrong with them. */
package io.layerline.build.domain.dockerfile;
