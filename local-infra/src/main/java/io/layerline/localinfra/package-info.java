/** Real servers started by the project itself, without Docker: Kafka, PostgreSQL, an OCI registry, a Docker Engine API. */
package io.layerline.localinfra;
