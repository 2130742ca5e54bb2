package io.layerline.retention.domain.inventory;

import java.util.Locale;

/**
 * What an artifact in a registry is. Signatures, attestations, SBOMs and the tag-schema referrers index belong to
 * the artifact they refer to (their subject): they are kept and deleted with it, never on their own.
 */
public enum ArtifactKind {
    /** A container image: one manifest, a config and layers. */
    IMAGE,
    /** A multi-arch image or any other index of manifests: kept or deleted with its children. */
    INDEX,
    /** A cosign or Notary signature. */
    SIGNATURE,
    /** An in-toto attestation (cosign {@code .att}, DSSE envelopes, provenance). */
    ATTESTATION,
    /** A software bill of materials (SPDX, CycloneDX, Syft). */
    SBOM,
    /** The OCI 1.1 tag-schema index of a digest's referrers, tagged {@code sha256-<hex>}. */
    REFERRERS,
    /** Any other OCI artifact (a Helm chart, a WASM module, …): never counted among images. */
    ARTIFACT;

    /** How the kind is spelled in the API and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ArtifactKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** Whether it belongs to another artifact (its subject) and follows it. */
    public boolean refersToSubject() {
        return this == SIGNATURE || this == ATTESTATION || this == SBOM || this == REFERRERS;
    }

    /** Whether retention rules count it as an image: images and multi-arch images. */
    public boolean image() {
        return this == IMAGE || this == INDEX;
    }
}
