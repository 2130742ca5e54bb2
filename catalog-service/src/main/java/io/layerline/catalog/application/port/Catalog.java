package io.layerline.catalog.application.port;

import io.layerline.catalog.application.Image;
import io.layerline.catalog.application.RepositoryHead;
import io.layerline.catalog.application.RepositoryTag;
import io.layerline.catalog.application.StageBase;
import io.layerline.catalog.application.StoredImage;
import io.layerline.catalog.domain.governance.RepositoryFacts.Staleness;
import io.layerline.catalog.domain.graph.ImageGraph;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Images, their bases, their tags and each repository's newest image. Writes join the caller's transaction. */
public interface Catalog {

    /** A tag that now names another digest than before. */
    record TagMove(String tag, String previousDigest) {
    }

    /** An image seen at a time: built or pushed. */
    record Sighting(Image image, Instant at) {
    }

    /** The bases of an image's stages. */
    record ImageBases(String digest, List<StageBase> bases) {
    }

    /** Records images in this order, with one JDBC batch: tags add up, provenance fills in. */
    void record(List<Sighting> images);

    /** Records the bases of images in this order, with one JDBC batch. */
    void recordBases(List<ImageBases> images);

    /**
     * Points each image's tags at it, image after image in this order; for each image, the tags that pointed
     * elsewhere before.
     */
    List<List<TagMove>> moveTags(List<Sighting> images);

    /** Resolves bases recorded only by a reference to one of these tags, now that the base is seen. */
    void resolveBases(String registry, String repository, Set<String> tags, String digest);

    /** Makes each image the newest of its repository unless a newer one is recorded, with one JDBC batch. */
    void advanceHeads(List<Sighting> images);

    /** Those of {@code tags} that some image's base names. */
    Set<RepositoryTag> builtOn(Set<RepositoryTag> tags);

    /** The images whose bases name this tag, each with that base (its digest null when unresolved). */
    Map<String, StageBase> dependantsOfTag(String registry, String repository, String tag);

    /**
     * Applies to {@code graph} every image, base and head written since {@code watermark}, reading outside the
     * caller's transaction (only what is committed) and streaming the rows, so a first catch-up of a million images
     * needs no more memory than the graph itself. Rows written by transactions still running are read again next
     * time, so none is missed.
     *
     * @return the watermark for the next catch-up
     */
    long catchUp(ImageGraph graph, long watermark);

    /** Every repository with its newest image. */
    List<RepositoryHead> heads();

    Optional<RepositoryHead> head(String registry, String repository);

    /** The images with this digest, in whatever repositories hold it. */
    List<StoredImage> imagesOf(String digest);

    /** A repository's images, newest first. */
    List<StoredImage> imagesOf(String registry, String repository, int limit);

    /** Images built from a commit (or a prefix of at least 7 characters) or a source repository. */
    List<StoredImage> imagesBuiltFrom(String sourceRepository, String commit, int limit);

    /** The bases recorded for an image, resolved or not. */
    List<StageBase> basesOf(String digest);

    /** For each repository whose newest image's final base tag has moved on since it was built: how far. */
    Map<String, Staleness> staleness();

    /** How stale the newest image of one repository is; empty when its base has not moved on. */
    Optional<Staleness> staleness(String registry, String repository);
}
