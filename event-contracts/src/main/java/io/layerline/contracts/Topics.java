package io.layerline.contracts;

import java.util.List;

/** The Kafka topics of the event backbone. Each topic has one producing service (or, for deployments, the deployers). */
public final class Topics {

    /** Image built / pushed / pulled / deleted / scanned and build failed, keyed by repository. Produced by build-service. */
    public static final String IMAGES = "layerline.images";
    /** Deployment finished, keyed by service name. Produced by deployers and promotion-service. */
    public static final String DEPLOYMENTS = "layerline.deployments";
    /** Image promoted, keyed by repository. Produced by promotion-service. */
    public static final String PROMOTIONS = "layerline.promotions";
    /** Images pruned (keyed by repository) and retention run finished (keyed by policy). Produced by retention-service. */
    public static final String RETENTION = "layerline.retention";
    /** Base image updated and rebuild requested, keyed by repository. Produced by catalog-service. */
    public static final String REBUILDS = "layerline.rebuilds";

    public static final List<String> ALL = List.of(IMAGES, DEPLOYMENTS, PROMOTIONS, RETENTION, REBUILDS);

    private static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    /** Where records of {@code topic} go that could not be processed. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
