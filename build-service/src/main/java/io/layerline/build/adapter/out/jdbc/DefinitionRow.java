package io.layerline.build.adapter.out.jdbc;

import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.Squash;

import java.util.List;
import java.util.Map;

/**
 * A build definition as stored in JSONB: the context flattened to a kind and its fields; definitions stored before
 * stage tags have none, and those stored before squashing squash nothing.
 */
record DefinitionRow(String registry, String repository, String contextKind, String gitUrl, String gitRef,
                     String contextId, String dockerfile, String target, Map<String, String> buildArgs,
                     Map<String, String> labels, List<String> tags, Map<String, List<String>> stageTags,
                     String squash) {

    static DefinitionRow of(BuildDefinition definition) {
        ContextSource context = definition.context();
        if (context instanceof ContextSource.Git git) {
            return new DefinitionRow(definition.registry(), definition.repository(), "git", git.url(), git.ref(),
                    null, definition.dockerfile(), definition.target(), definition.buildArgs(), definition.labels(),
                    definition.tags(), definition.stageTags(), definition.squash().wireName());
        }
        return new DefinitionRow(definition.registry(), definition.repository(), "uploaded", null, null,
                ((ContextSource.Uploaded) context).id(), definition.dockerfile(), definition.target(),
                definition.buildArgs(), definition.labels(), definition.tags(), definition.stageTags(),
                definition.squash().wireName());
    }

    BuildDefinition toDefinition() {
        ContextSource context = "git".equals(contextKind) ? new ContextSource.Git(gitUrl, gitRef)
                : new ContextSource.Uploaded(contextId);
        return new BuildDefinition(registry, repository, context, dockerfile, target,
                buildArgs == null ? Map.of() : buildArgs, labels == null ? Map.of() : labels,
                tags == null ? List.of() : tags, stageTags == null ? Map.of() : stageTags,
                squash == null ? Squash.NONE : Squash.parse(squash).orElse(Squash.NONE));
    }
}
