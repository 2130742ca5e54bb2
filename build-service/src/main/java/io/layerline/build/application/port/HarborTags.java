package io.layerline.build.application.port;

import java.util.Collection;
import java.util.Optional;

/**
 * The digest each tag pointed to when Harbor last told of it, by a push or a pull: Harbor's tag retention names the
 * artifacts it removed by their first tag alone. Joins the caller's transaction.
 */
public interface HarborTags {

    Optional<String> digestOf(String registry, String repository, String tag);

    void point(String registry, String repository, String digest, Collection<String> tags);

    void forget(String registry, String repository, String digest);
}
