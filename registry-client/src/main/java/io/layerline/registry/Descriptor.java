package io.layerline.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An OCI content descriptor: what a manifest says about a blob or another manifest it names.
 *
 * @param artifactType the descriptor's {@code artifactType}, set on referrers' descriptors; empty otherwise
 * @param platform     {@code os/architecture[/variant]} of an index entry; empty otherwise
 */
public record Descriptor(String mediaType, String digest, long size, Optional<String> artifactType,
                         Optional<String> platform, Map<String, String> annotations) {

    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    static Descriptor of(JsonNode node) {
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("annotations").fields()
                .forEachRemaining(entry -> annotations.put(entry.getKey(), entry.getValue().asText()));
        JsonNode platform = node.path("platform");
        Optional<String> os = text(platform, "os");
        return new Descriptor(node.path("mediaType").asText(""), node.path("digest").asText(""),
                node.path("size").asLong(0), text(node, "artifactType"),
                os.map(value -> value + "/" + platform.path("architecture").asText("")
                        + text(platform, "variant").map(variant -> "/" + variant).orElse("")),
                annotations);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
