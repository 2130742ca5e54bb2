/** The Docker Engine API, through docker-java. */
package io.layerline.build.adapter.out.docker;
