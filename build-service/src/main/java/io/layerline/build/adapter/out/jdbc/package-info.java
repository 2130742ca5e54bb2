/** The build-service's state in PostgreSQL. */
package io.layerline.build.adapter.out.jdbc;
