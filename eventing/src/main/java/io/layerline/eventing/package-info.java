/**
 * Infrastructure every service uses to talk over Kafka: a transactional outbox and its relay, an idempotent inbox,
 * dead letters, and CloudEvents in binary mode. It holds no domain.
 */
package io.layerline.eventing;
