package io.layerline.catalog.domain.graph;

/**
 * Image graphs as a test tells them: {@code Graphs.graph().image("d-app", "team/app").builtOn("d-app", "d-jre",
 * "temurin:17-jre").builderStageOn("d-app", "d-tool", "maven:3.9").done()}.
 */
final class Graphs {

    private final ImageGraph graph = new ImageGraph();

    private Graphs() {
    }

    static Graphs graph() {
        return new Graphs();
    }

    /** An image of {@code repository}, by its digest. */
    Graphs image(String digest, String repository) {
        graph.add(new ImageNode(digest, repository));
        return this;
    }

    /** {@code child}'s final stage is built on {@code base}, written {@code reference} in its Dockerfile. */
    Graphs builtOn(String child, String base, String reference) {
        graph.add(new BaseEdge(child, base, reference, true));
        return this;
    }

    /** An earlier stage of {@code child} (a builder) is built on {@code base}. */
    Graphs builderStageOn(String child, String base, String reference) {
        graph.add(new BaseEdge(child, base, reference, false));
        return this;
    }

    ImageGraph done() {
        return graph;
    }
}
