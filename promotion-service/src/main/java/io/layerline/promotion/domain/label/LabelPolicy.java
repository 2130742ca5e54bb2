package io.layerline.promotion.domain.label;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which label a successful deployment to an environment earns. Per registry project, a mapping can replace the
 * default one; an environment without a label promotes nothing.
 *
 * @param defaults   environment → label for every project without a mapping of its own
 * @param byProject  project → (environment → label)
 */
public record LabelPolicy(Map<String, String> defaults, Map<String, Map<String, String>> byProject) {

    /** The rule platform teams use: {@code prod_test} earns {@code maybe_prod}, {@code prod} earns {@code prod}. */
    public static final LabelPolicy DEFAULT = new LabelPolicy(Map.of("prod_test", "maybe_prod", "prod", "prod"), Map.of());

    public LabelPolicy {
        defaults = Map.copyOf(defaults);
        byProject = byProject.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    }

    public Optional<String> labelFor(String project, String environment) {
        return Optional.ofNullable(byProject.getOrDefault(project, defaults).get(environment));
    }
}
