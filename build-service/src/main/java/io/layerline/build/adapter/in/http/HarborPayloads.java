package io.layerline.build.adapter.in.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.layerline.build.application.Announcement;
import io.layerline.build.application.HarborIngress;
import io.layerline.build.domain.reference.Digests;
import io.layerline.build.domain.reference.ImageReference;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what one Harbor delivery reports, in either format, as Harbor's own code writes it (goharbor/harbor:
 * {@code src/pkg/notifier/model/event.go} for the payload, {@code src/controller/event/handler/webhook/} for each event
 * type, {@code src/pkg/notifier/formats/} for the two formats).
 */
final class HarborPayloads {

    /** Harbor's event types in both formats, to ours. */
    private static final Map<String, String> KINDS = Map.ofEntries(
            Map.entry("PUSH_ARTIFACT", "pushed"), Map.entry("harbor.artifact.pushed", "pushed"),
            Map.entry("PULL_ARTIFACT", "pulled"), Map.entry("harbor.artifact.pulled", "pulled"),
            Map.entry("DELETE_ARTIFACT", "deleted"), Map.entry("harbor.artifact.deleted", "deleted"),
            Map.entry("SCANNING_COMPLETED", "scanned"), Map.entry("harbor.scan.completed", "scanned"),
            Map.entry("SCANNING_FAILED", "scan-failed"), Map.entry("harbor.scan.failed", "scan-failed"),
            Map.entry("SCANNING_STOPPED", "scan-stopped"), Map.entry("harbor.scan.stopped", "scan-stopped"),
            Map.entry("QUOTA_EXCEED", "quota-exceeded"), Map.entry("harbor.quota.exceeded", "quota-exceeded"),
            Map.entry("QUOTA_WARNING", "quota-warning"), Map.entry("harbor.quota.warned", "quota-warning"),
            Map.entry("REPLICATION", "replication"), Map.entry("harbor.replication.status.changed", "replication"),
            Map.entry("TAG_RETENTION", "tag-retention"), Map.entry("harbor.tag_retention.finished", "tag-retention"));

    /** What a delivery reports. */
    sealed interface Parsed permits Facts, Operational, Ignored, Invalid {
    }

    record Facts(List<Announcement> facts) implements Parsed {
    }

    record Operational(HarborIngress.Operational event, List<HarborIngress.Removal> removed) implements Parsed {
    }

    record Ignored(String type, String reason) implements Parsed {
    }

    record Invalid(String field, String reason) implements Parsed {
    }

    private final ObjectMapper canonical = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS,
            true);
    private final String defaultRegistry;

    HarborPayloads(String defaultRegistry) {
        this.defaultRegistry = defaultRegistry == null || defaultRegistry.isBlank() ? null : defaultRegistry;
    }

    /** Our name of a Harbor event type ({@code pushed}, {@code quota-warning}…), or null for one we do not know. */
    static String kindOf(String type) {
        return KINDS.get(type);
    }

    /**
     * What one delivery is, for de-duplication: the same for Harbor's retries, for two webhook policies delivering
     * one event (their CloudEvents ids differ), and for one event delivered in both formats.
     */
    String fingerprint(String kind, Instant at, String operator, JsonNode data) {
        try {
            return Digests.sha256((kind + "\n" + at.getEpochSecond() + "\n" + operator + "\n"
                    + canonical.writeValueAsString(canonical.treeToValue(data, Object.class)))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a delivery's data again", e);
        }
    }

    /** @param data {@code event_data} (Default) or {@code data} (CloudEvents) */
    Parsed parse(String kind, JsonNode data, String operator, Instant at) {
        return switch (kind) {
            case "quota-exceeded", "quota-warning" -> new Operational(new HarborIngress.Operational(kind,
                    data.path("repository").path("namespace").asText(""), ""), List.of());
            case "replication" -> replication(data.path("replication"));
            case "tag-retention" -> tagRetention(data.path("retention"));
            default -> artifacts(kind, data, operator, at);
        };
    }

    private Parsed artifacts(String kind, JsonNode data, String operator, Instant at) {
        String repository = data.path("repository").path("repo_full_name").asText("");
        if (repository.isEmpty()) {
            return new Invalid("repository.repo_full_name", "is required");
        }
        if (!data.path("resources").isArray() || data.path("resources").isEmpty()) {
            return new Invalid("resources", "must name at least one artifact");
        }
        List<Announcement> facts = new ArrayList<>();
        Map<String, List<String>> tagsByDigest = new LinkedHashMap<>();
        String registry = null;
        for (JsonNode resource : data.path("resources")) {
            String digest = resource.path("digest").asText("");
            if (!ImageReference.isDigest(digest)) {
                return new Invalid("resources.digest", "must be sha256: and 64 hex digits");
            }
            registry = registryOf(resource.path("resource_url").asText(""));
            if (registry == null) {
                return new Invalid("resources.resource_url", "names no registry, and none is configured");
            }
            String tag = tagOf(resource);
            tagsByDigest.computeIfAbsent(digest, d -> new ArrayList<>());
            if (tag != null) {
                tagsByDigest.get(digest).add(tag);
            }
            switch (kind) {
                case "pulled" -> facts.add(new Announcement.Pulled(registry, repository, digest, tag, operator, at));
                case "scanned", "scan-failed", "scan-stopped" -> facts.add(HarborScans.scanned(registry, repository,
                        digest, kind, data.path("scan").path("scan_type").asText(""), resource, at));
                default -> { }
            }
        }
        for (Map.Entry<String, List<String>> artifact : tagsByDigest.entrySet()) {
            if (kind.equals("pushed")) {
                facts.add(new Announcement.Pushed(registry, repository, artifact.getKey(), artifact.getValue(), null,
                        null, null, operator, at));
            } else if (kind.equals("deleted")) {
                facts.add(new Announcement.Deleted(registry, repository, artifact.getKey(), artifact.getValue(),
                        operator, at));
            }
        }
        return new Facts(facts);
    }

    /** {@code src/controller/event/handler/webhook/artifact/replication.go}: one task's status, and its artifact. */
    private static Parsed replication(JsonNode replication) {
        if (!replication.isObject()) {
            return new Invalid("replication", "is required");
        }
        JsonNode local = replication.path("src_resource").path("registry_type").asText("").equals("harbor")
                && replication.path("src_resource").path("registry_name").asText("").isEmpty()
                ? replication.path("src_resource") : replication.path("dest_resource");
        return new Operational(new HarborIngress.Operational("replication", local.path("namespace").asText(""),
                replication.path("job_status").asText("")), List.of());
    }

    /**
     * {@code src/controller/event/handler/webhook/artifact/retention.go}: each removed artifact as
     * {@code <repository in the project>:<first tag>}, or {@code @<digest>} when it had no tag.
     */
    private Parsed tagRetention(JsonNode retention) {
        String project = retention.path("project_name").asText("");
        if (project.isEmpty()) {
            return new Invalid("retention.project_name", "is required");
        }
        String registry = defaultRegistry != null ? defaultRegistry
                : retention.path("harbor_hostname").asText("").isEmpty() ? null
                : retention.path("harbor_hostname").asText();
        List<HarborIngress.Removal> removed = new ArrayList<>();
        for (JsonNode artifact : retention.path("deleted_artifact")) {
            String nameAndTag = artifact.path("name_tag").asText("");
            int at = nameAndTag.indexOf('@');
            int colon = nameAndTag.lastIndexOf(':');
            if (registry == null) {
                return new Invalid("retention.harbor_hostname", "names no registry, and none is configured");
            }
            if (at > 0 && ImageReference.isDigest(nameAndTag.substring(at + 1))) {
                removed.add(new HarborIngress.Removal(registry, project + "/" + nameAndTag.substring(0, at),
                        nameAndTag.substring(at + 1), null));
            } else if (colon > 0 && colon < nameAndTag.length() - 1) {
                removed.add(new HarborIngress.Removal(registry, project + "/" + nameAndTag.substring(0, colon), null,
                        nameAndTag.substring(colon + 1)));
            } else {
                return new Invalid("retention.deleted_artifact.name_tag", "must be <repository>:<tag> or "
                        + "<repository>@<digest>");
            }
        }
        return new Operational(new HarborIngress.Operational("tag-retention", project,
                retention.path("result").asText("")), removed);
    }

    /**
     * The tag a resource names, if any. Harbor puts the digest in {@code tag} when the artifact has no tag at hand
     * (a pull or delete by digest, an untagged push: its webhook handler's {@code constructArtifactPayload} takes
     * the first tag, else the digest), and then {@code resource_url} ends in {@code @sha256:…}: that is no tag.
     */
    private static String tagOf(JsonNode resource) {
        String tag = resource.path("tag").asText("");
        return tag.isBlank() || ImageReference.isDigest(tag) ? null : tag;
    }

    /** The registry host at the front of {@code harbor.example.com/project/repo:tag}, else the configured one. */
    private String registryOf(String resourceUrl) {
        int slash = resourceUrl.indexOf('/');
        return slash > 0 ? resourceUrl.substring(0, slash) : defaultRegistry;
    }
}
