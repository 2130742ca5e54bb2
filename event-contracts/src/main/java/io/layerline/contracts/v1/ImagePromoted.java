package io.layerline.contracts.v1;

import io.layerline.contracts.LayerlineEvent;

import java.time.Instant;

/** An image earned a promotion label by a successful deployment to an environment. */
public record ImagePromoted(
        ImageRef image,
        String label,
        String environment,
        String deploymentId,
        Instant promotedAt) implements LayerlineEvent {

    @Override
    public String partitionKey() {
        return image.repository();
    }

    @Override
    public String subject() {
        return image.repository() + "@" + image.digest();
    }
}
