package io.layerline.catalog.adapter.in.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The container images of the object an AdmissionReview asks about: a Pod's containers, init containers and
 * ephemeral containers, and those of the Pod template of a Deployment, ReplicaSet, StatefulSet, DaemonSet, Job or
 * CronJob. Each with where it is, as {@code kubectl explain} names it ({@code spec.initContainers[0]}).
 */
final class AdmissionImages {

    /** One container's image in the object. */
    record ContainerImage(String path, String image) {
    }

    /** Where each kind keeps its Pod spec. */
    private static final Map<String, List<String>> POD_SPEC = Map.of(
            "Pod", List.of("spec"),
            "Deployment", List.of("spec", "template", "spec"),
            "ReplicaSet", List.of("spec", "template", "spec"),
            "StatefulSet", List.of("spec", "template", "spec"),
            "DaemonSet", List.of("spec", "template", "spec"),
            "Job", List.of("spec", "template", "spec"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"));

    private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

    private AdmissionImages() {
    }

    /** The kinds whose images are checked; any other kind is let through unchecked. */
    static boolean checks(String kind) {
        return POD_SPEC.containsKey(kind);
    }

    /** The images of {@code object} of {@code kind}; empty for a kind without a Pod spec or an object without one. */
    static List<ContainerImage> of(String kind, JsonNode object) {
        List<String> path = POD_SPEC.get(kind);
        if (path == null || object == null) {
            return List.of();
        }
        JsonNode spec = object;
        StringBuilder where = new StringBuilder();
        for (String step : path) {
            spec = spec.path(step);
            where.append(where.isEmpty() ? "" : ".").append(step);
        }
        List<ContainerImage> images = new ArrayList<>();
        for (String list : CONTAINER_LISTS) {
            JsonNode containers = spec.path(list);
            for (int i = 0; i < containers.size(); i++) {
                int index = i;
                Optional.ofNullable(containers.get(i).get("image")).filter(JsonNode::isTextual)
                        .map(JsonNode::asText).ifPresent(image -> images.add(new ContainerImage(
                                where + "." + list + "[" + index + "]", image)));
            }
        }
        return images;
    }
}
