/** Image references as written in Dockerfiles and build definitions, read by the distribution rules. */
package io.layerline.build.domain.reference;
