/** Builds: what to build from where, the states a build goes through, and the labels every image carries. */
package io.layerline.build.domain.build;
