package io.layerline.promotion.application;

/** How a deployment reached us. Only those not read from Kafka are announced on Kafka. */
public enum Ingress { KAFKA, REST, CDEVENTS }
