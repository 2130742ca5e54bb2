package io.layerline.catalog.application;

import io.layerline.catalog.domain.gate.Mode;

import java.time.Instant;
import java.util.List;

/**
 * A team's rule as stored: the rule's name and its one parameter ({@code max}, {@code days} or {@code patterns}),
 * for the team's repositories matching {@code repositories}.
 *
 * @param id null until stored
 */
public record TeamRule(Long id, String team, String repositories, String rule, Mode mode, Integer max, Integer days,
                       List<String> patterns, String changedBy, Instant changedAt) {

    public TeamRule {
        patterns = List.copyOf(patterns);
    }
}
