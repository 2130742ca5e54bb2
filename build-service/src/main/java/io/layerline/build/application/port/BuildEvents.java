package io.layerline.build.application.port;

import io.layerline.build.domain.build.Build;

import java.time.Instant;
import java.util.List;

/**
 * What a failed build publishes, in the caller's transaction; a pushed one is announced as an
 * {@code Announcement.Built}.
 */
public interface BuildEvents {

    /** BuildFailed for each failed or cancelled build, with its reason, in this order. */
    void buildFailed(List<Build> failed, Instant at);
}
