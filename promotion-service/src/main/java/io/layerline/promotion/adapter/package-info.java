/** Adapters: HTTP and Kafka in, database, Kafka, registries and engines out. They never import each other. */
package io.layerline.promotion.adapter;
