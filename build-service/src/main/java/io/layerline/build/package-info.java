/** Builds images through the Docker Engine API, analyses Dockerfiles, takes in CI events and Harbor webhooks, and announces every image it learns of. */
package io.layerline.build;
