/** The build-service's REST API. */
package io.layerline.build.adapter.in.http;
