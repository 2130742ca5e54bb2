/**
 * HTTP infrastructure shared by the services' APIs: guards on what reaches their controllers, authentication and
 * roles ({@code security}) and the audit trail of changes ({@code audit}).
 */
package io.layerline.http;
