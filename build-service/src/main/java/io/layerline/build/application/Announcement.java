package io.layerline.build.application;

import io.layerline.build.domain.build.Provenance;
import io.layerline.build.domain.build.StageBase;

import java.time.Instant;
import java.util.List;

/** An image fact reported from outside — by CI or by the registry — to announce on the backbone. */
public sealed interface Announcement permits Announcement.Pushed, Announcement.Pulled, Announcement.Deleted,
        Announcement.Scanned, Announcement.Built {

    String registry();

    String repository();

    String digest();

    /** The event type, for metrics: {@code pushed}, {@code pulled}… */
    String kind();

    /** Bytes of an image's files, and those later layers make dead weight. */
    record Efficiency(long totalBytes, long wastedBytes) {
    }

    /**
     * @param artifactKind what the artifact is ({@code IMAGE}, {@code SIGNATURE}, … {@code UNKNOWN} when it could not
     *                     be read), null when the producer does not say
     */
    record Pushed(String registry, String repository, String digest, List<String> tags, Long size, String mediaType,
                  String artifactKind, String by, Instant at) implements Announcement {

        /** The push as the registry describes it: every tag it knows, and what the artifact is. */
        public Pushed described(List<String> allTags, String kind) {
            return new Pushed(registry, repository, digest, allTags, size, mediaType, kind, by, at);
        }

        @Override
        public String kind() {
            return "pushed";
        }
    }

    record Pulled(String registry, String repository, String digest, String tag, String by, Instant at)
            implements Announcement {

        @Override
        public String kind() {
            return "pulled";
        }
    }

    record Deleted(String registry, String repository, String digest, List<String> tags, String by, Instant at)
            implements Announcement {

        @Override
        public String kind() {
            return "deleted";
        }
    }

    enum ScanType { VULNERABILITY, SBOM }

    enum ScanOutcome { SUCCEEDED, FAILED, STOPPED }

    /** Findings per severity; {@code negligible} is null when the scanner does not grade so low. */
    record Counts(int critical, int high, int medium, int low, int unknown, Integer negligible) {
    }

    /**
     * @param counts     the findings, null when they are not known (no summary, the report not ready, the scan
     *                   failed): never zeros for "not known"
     * @param sbomDigest the SBOM a successful SBOM scan attached, when told
     */
    record Scanned(String registry, String repository, String digest, String scanner, ScanType type,
                   ScanOutcome outcome, Counts counts, String sbomDigest, String reportUrl, Instant at)
            implements Announcement {

        @Override
        public String kind() {
            return "scanned";
        }
    }

    /**
     * An image built, with what is known of its layers, bases and provenance.
     *
     * @param efficiency its report when it was worked out, else null
     */
    record Built(String registry, String repository, String digest, List<String> tags, long size,
                 List<ImageLayer> layers, List<StageBase> bases,
                 Provenance provenance, String ciRunUrl, Instant at, Efficiency efficiency)
            implements Announcement {

        @Override
        public String kind() {
            return "built";
        }
    }
}
