package io.layerline.catalog.application;

import io.layerline.catalog.domain.graph.ImageGraph;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Images, their bases and each repository's newest image. Writes join the caller's transaction. */
public interface Catalog {

    /** An image as announced, with its provenance when a build announced it. */
    record Image(String registry, String repository, String digest, Set<String> tags, Long size, Integer layerCount,
                 String sourceRepository, String commit, String branch, String author, String ciRunUrl) {
    }

    /** The base of one build stage. */
    record Base(int stageIndex, String reference, String digest, boolean finalStage) {
    }

    void record(Image image, Instant at);

    void recordBases(String childDigest, List<Base> bases);

    /** Makes {@code digest} the newest image of its repository unless a newer one is recorded. */
    void advanceHead(String registry, String repository, String digest, Instant at);

    /** The whole graph, images keyed by digest, repositories named {@code registry/repository}. */
    ImageGraph graph();

    /** Each repository's newest image: {@code registry/repository} → digest. */
    Map<String, String> heads();

    /** Every digest recorded for a repository. */
    Set<String> digestsOf(String registry, String repository);
}
