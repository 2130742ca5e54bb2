package io.layerline.build.application.port;

import java.time.Instant;

/** Deliveries already taken in, so a retried webhook or CI event is announced once. Joins the caller's transaction. */
public interface Deliveries {

    /** Records a delivery; false when it was recorded before. */
    boolean claim(String source, String id, Instant at);
}
