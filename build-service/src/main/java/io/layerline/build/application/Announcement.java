package io.layerline.build.application;

import java.time.Instant;
import java.util.List;

/** An image fact reported from outside — by CI or by the registry — to announce on the backbone. */
public sealed interface Announcement permits Announcement.Pushed, Announcement.Pulled, Announcement.Deleted,
        Announcement.Scanned, Announcement.Built {

    String registry();

    String repository();

    /** The event type, for metrics: {@code pushed}, {@code pulled}… */
    String kind();

    /** Bytes of an image's files, and those later layers make dead weight. */
    record Efficiency(long totalBytes, long wastedBytes) {
    }

    record Pushed(String registry, String repository, String digest, List<String> tags, Long size, String mediaType,
                  String by, Instant at) implements Announcement {

        public Pushed withTags(List<String> allTags) {
            return new Pushed(registry, repository, digest, allTags, size, mediaType, by, at);
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

    /** @param succeeded whether the scan ran; the counts are zero when it did not */
    record Scanned(String registry, String repository, String digest, String scanner, boolean succeeded,
                   int critical, int high, int medium, int low, int unknown, String reportUrl, Instant at)
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
                 List<RegistryImages.Layer> layers, List<BuildEvents.StageBase> bases,
                 BuildEvents.Provenance provenance, String ciRunUrl, Instant at, Efficiency efficiency)
            implements Announcement {

        @Override
        public String kind() {
            return "built";
        }
    }
}
