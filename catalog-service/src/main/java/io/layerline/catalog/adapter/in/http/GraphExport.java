package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.GraphQueries;
import io.layerline.catalog.application.RepositoryView;
import io.layerline.catalog.domain.graph.Tier;
import io.micronaut.serde.annotation.Serdeable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The repository graph in the formats people paste elsewhere. DOT ranks tiers bottom to top (os lowest);
 * Mermaid draws one subgraph per tier. Edges point from a repository to the base it builds on; builder-stage
 * bases are dashed.
 */
final class GraphExport {

    private GraphExport() {
    }

    @Serdeable
    record NodeBody(String id, String tier, String owner, String digest, int depth) {
    }

    @Serdeable
    record EdgeBody(String from, String to, boolean finalStage) {
    }

    @Serdeable
    record GraphBody(List<NodeBody> nodes, List<EdgeBody> edges) {
    }

    static GraphBody json(GraphQueries.RepositoryGraph graph) {
        return new GraphBody(graph.repositories().stream().map(view -> new NodeBody(view.name(),
                        Bodies.lower(view.tier().tier()), view.metadata().ownerTeam(),
                        view.head().image().image().digest(), view.depth())).toList(),
                graph.dependencies().stream().map(edge -> new EdgeBody(edge.repository(), edge.base(),
                        edge.finalStage())).toList());
    }

    static String dot(GraphQueries.RepositoryGraph graph) {
        StringBuilder dot = new StringBuilder("digraph layerline {\n  rankdir=BT;\n  node [shape=box];\n");
        for (Tier tier : Tier.values()) {
            dot.append("  subgraph cluster_").append(Bodies.lower(tier)).append(" {\n    label=")
                    .append(quoteDot(Bodies.lower(tier))).append(";\n");
            for (RepositoryView view : graph.repositories()) {
                if (view.tier().tier() == tier) {
                    dot.append("    ").append(quoteDot(view.name())).append(";\n");
                }
            }
            dot.append("  }\n");
        }
        for (GraphQueries.Dependency edge : graph.dependencies()) {
            dot.append("  ").append(quoteDot(edge.repository())).append(" -> ").append(quoteDot(edge.base()))
                    .append(edge.finalStage() ? ";\n" : " [style=dashed];\n");
        }
        return dot.append("}\n").toString();
    }

    static String mermaid(GraphQueries.RepositoryGraph graph) {
        Map<String, String> ids = new HashMap<>();
        StringBuilder mermaid = new StringBuilder("flowchart BT\n");
        for (Tier tier : Tier.values()) {
            mermaid.append("  subgraph ").append(Bodies.lower(tier)).append('\n');
            for (RepositoryView view : graph.repositories()) {
                if (view.tier().tier() == tier) {
                    String id = "n" + ids.size();
                    ids.put(view.name(), id);
                    mermaid.append("    ").append(id).append("[\"").append(escapeMermaid(view.name()))
                            .append("\"]\n");
                }
            }
            mermaid.append("  end\n");
        }
        for (GraphQueries.Dependency edge : graph.dependencies()) {
            mermaid.append("  ").append(ids.get(edge.repository())).append(edge.finalStage() ? " --> " : " -.-> ")
                    .append(ids.get(edge.base())).append('\n');
        }
        return mermaid.toString();
    }

    private static String quoteDot(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String escapeMermaid(String text) {
        return text.replace("\"", "#quot;");
    }
}
