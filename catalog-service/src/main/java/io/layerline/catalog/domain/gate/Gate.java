package io.layerline.catalog.domain.gate;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** The platform's rules; with the owners' rules that bind an image, they give its verdict for an environment. */
public record Gate(List<ConfiguredRule> platform) {

    public Gate {
        platform = List.copyOf(platform);
    }

    public GateVerdict evaluate(ImageFacts facts, String environment, List<ConfiguredRule> owners, Instant now) {
        return GateVerdict.of(Stream.concat(platform.stream(), owners.stream().filter(rule -> rule.binds(facts)))
                .map(rule -> rule.check(facts, environment, now)).toList());
    }
}
