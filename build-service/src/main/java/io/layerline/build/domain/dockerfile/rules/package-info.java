/** One class per Dockerfile rule, each saying what it finds and how to fix it. */
package io.layerline.build.domain.dockerfile.rules;
