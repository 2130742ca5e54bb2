package io.layerline.registry;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an artifact in a registry is, as cosign, Notation, ORAS, Helm and Harbor write them. Signatures, attestations,
 * SBOMs and the tag-schema referrers index belong to the artifact they refer to (their subject).
 */
public enum ArtifactKind {
    /** A container image: one manifest, a config and layers. */
    IMAGE,
    /** A multi-arch image or any other index of manifests. */
    INDEX,
    /** A cosign or Notary signature. */
    SIGNATURE,
    /** An in-toto attestation (cosign {@code .att}, DSSE envelopes, provenance). */
    ATTESTATION,
    /** A software bill of materials (SPDX, CycloneDX, Syft). */
    SBOM,
    /** The OCI 1.1 tag-schema index of a digest's referrers, tagged {@code sha256-<hex>}. */
    REFERRERS,
    /** A Helm chart pushed as an OCI artifact. */
    HELM_CHART,
    /** Any other OCI artifact (a WASM module, a CNAB bundle, …). */
    ARTIFACT;

    /** cosign's tag scheme ({@code sha256-<hex>.sig|.att|.sbom}) and the OCI 1.1 referrers tag ({@code sha256-<hex>}). */
    private static final Pattern SUBJECT_TAG = Pattern.compile(
            "(sha256|sha512)-([0-9a-f]{64}|[0-9a-f]{128})(?:\\.(sig|att|sbom))?");
    private static final Set<String> IMAGE_CONFIGS = Set.of("application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json");

    /** Whether it belongs to another artifact (its subject) and follows it. */
    public boolean refersToSubject() {
        return this == SIGNATURE || this == ATTESTATION || this == SBOM || this == REFERRERS;
    }

    /** The subject a tag names by the cosign or OCI 1.1 tag scheme, e.g. {@code sha256:ab…} for {@code sha256-ab….sig}. */
    public static Optional<String> subjectOfTag(String tag) {
        Matcher matcher = SUBJECT_TAG.matcher(tag);
        return matcher.matches() ? Optional.of(matcher.group(1) + ":" + matcher.group(2)) : Optional.empty();
    }

    /** The subject the first tag of the cosign or OCI 1.1 scheme names. */
    public static Optional<String> subjectOfTags(Collection<String> tags) {
        return tags.stream().map(ArtifactKind::subjectOfTag).flatMap(Optional::stream).findFirst();
    }

    /** What the tags alone say: a cosign signature, attestation or SBOM tag, or a referrers tag; else an image. */
    public static ArtifactKind ofTags(Collection<String> tags) {
        for (String tag : tags) {
            Matcher matcher = SUBJECT_TAG.matcher(tag);
            if (matcher.matches()) {
                String suffix = matcher.group(3);
                return suffix == null ? REFERRERS : switch (suffix) {
                    case "sig" -> SIGNATURE;
                    case "att" -> ATTESTATION;
                    default -> SBOM;
                };
            }
        }
        return IMAGE;
    }

    /** What a manifest read from the registry is, with the tags it is known by. */
    public static ArtifactKind of(Manifest manifest, Collection<String> tags) {
        return of(tags, manifest.isIndex(), manifest.isIndex() ? Optional.empty() : manifest.artifactType(),
                manifest.layers().stream().map(Descriptor::mediaType).toList());
    }

    /**
     * What Harbor's artifact API says: its {@code type} ({@code IMAGE}, {@code CHART}, {@code CNAB}…), whether it has
     * references (an index), and its {@code artifact_type} or config {@code media_type}.
     */
    public static ArtifactKind ofHarbor(String harborType, Collection<String> tags, boolean index,
                                        Optional<String> artifactType) {
        if ("CHART".equalsIgnoreCase(harborType)) {
            return HELM_CHART;
        }
        ArtifactKind kind = of(tags, index, artifactType, List.of());
        boolean otherType = !harborType.isEmpty() && !"IMAGE".equalsIgnoreCase(harborType)
                && !"UNKNOWN".equalsIgnoreCase(harborType);
        return kind == IMAGE && otherType ? ARTIFACT : kind;
    }

    /**
     * What a manifest says it is: the tags first (cosign's scheme), then the {@code artifactType} (or the config's
     * media type) and the layers' media types.
     *
     * @param artifactType     the manifest's {@code artifactType}, else its config's media type; empty for an index
     * @param layerMediaTypes  the media types of its layers
     */
    public static ArtifactKind of(Collection<String> tags, boolean index, Optional<String> artifactType,
                                  Collection<String> layerMediaTypes) {
        ArtifactKind byTags = ofTags(tags);
        if (byTags != IMAGE) {
            return byTags == REFERRERS && !index ? IMAGE : byTags;
        }
        String type = artifactType.orElse("").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !IMAGE_CONFIGS.contains(type)) {
            ArtifactKind byType = ofMediaType(type);
            if (byType != null) {
                return byType;
            }
        }
        for (String layer : layerMediaTypes) {
            ArtifactKind byLayer = ofMediaType(layer.toLowerCase(Locale.ROOT));
            if (byLayer != null) {
                return byLayer;
            }
        }
        if (index) {
            return INDEX;
        }
        return type.isEmpty() || IMAGE_CONFIGS.contains(type) ? IMAGE : ARTIFACT;
    }

    private static ArtifactKind ofMediaType(String type) {
        if (type.contains("cosign.simplesigning") || type.contains("sigstore.bundle")
                || type.contains("notary.signature") || type.contains("cosign.artifact.sig")) {
            return SIGNATURE;
        }
        if (type.contains("in-toto") || type.contains("dsse.envelope") || type.contains("provenance")) {
            return ATTESTATION;
        }
        if (type.contains("spdx") || type.contains("cyclonedx") || type.contains("syft")
                || type.contains("cosign.artifact.sbom")) {
            return SBOM;
        }
        if (type.contains("cncf.helm")) {
            return HELM_CHART;
        }
        return null;
    }
}
