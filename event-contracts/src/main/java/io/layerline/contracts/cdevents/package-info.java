/**
 * CDEvents 0.5.1, the format CI systems and deployers speak: their schemas (shipped verbatim from the
 * specification) and the OCI package URLs they name artifacts by.
 */
package io.layerline.contracts.cdevents;
