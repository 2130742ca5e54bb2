/**
 * The ports the promotion-service's use cases need from the outside world: each an interface an outgoing adapter
 * implements, with the types it speaks in. Incoming adapters never use them; they call the use cases.
 */
package io.layerline.promotion.application.port;
