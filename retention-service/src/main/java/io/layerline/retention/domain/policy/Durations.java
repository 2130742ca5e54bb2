package io.layerline.retention.domain.policy;

import java.time.Duration;

/** Durations as people write them. */
final class Durations {

    private Durations() {
    }

    static String readable(Duration duration) {
        long days = duration.toDays();
        if (days > 0 && duration.equals(Duration.ofDays(days))) {
            return days == 1 ? "1 day" : days + " days";
        }
        long hours = duration.toHours();
        if (hours > 0 && duration.equals(Duration.ofHours(hours))) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return duration.toString();
    }
}
