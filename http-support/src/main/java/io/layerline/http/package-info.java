/**
 * The HTTP edge every service's API shares (ADR 0012): one error body and the processor that gives it to every error,
 * guards on what reaches the controllers, one paging vocabulary, the CloudEvents-over-HTTP reader
 * ({@code cloudevents}), authentication and roles ({@code security}) and the audit trail of changes ({@code audit}).
 */
package io.layerline.http;
