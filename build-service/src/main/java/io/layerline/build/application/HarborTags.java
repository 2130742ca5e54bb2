package io.layerline.build.application;

import java.util.List;
import java.util.Optional;

/**
 * Harbor's own list of an artifact's tags: its push webhook names only the first. Empty when no Harbor API is
 * configured or it cannot answer now (the webhook's tag is used then).
 */
public interface HarborTags {

    Optional<List<String>> tagsOf(String repositoryFullName, String digest);
}
