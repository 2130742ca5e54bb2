/** The events the Layerline services exchange: their types, topics, partition keys and the CloudEvents codec. */
package io.layerline.contracts;
