package io.layerline.retention.adapter.out.registry;

import io.layerline.retention.domain.inventory.ArtifactKind;
import io.layerline.retention.domain.inventory.Structure;

import java.util.Collection;

/** The registry client's artifact kinds in the inventory's terms: a Helm chart is an artifact like any other. */
public final class RegistryKinds {

    private RegistryKinds() {
    }

    public static ArtifactKind of(io.layerline.registry.ArtifactKind kind) {
        return kind == io.layerline.registry.ArtifactKind.HELM_CHART ? ArtifactKind.ARTIFACT
                : ArtifactKind.valueOf(kind.name());
    }

    /** What the tags of an artifact no one has read yet say of it. */
    public static Structure byTags(Collection<String> tags) {
        return Structure.unread(of(io.layerline.registry.ArtifactKind.ofTags(tags)),
                io.layerline.registry.ArtifactKind.subjectOfTags(tags));
    }
}
