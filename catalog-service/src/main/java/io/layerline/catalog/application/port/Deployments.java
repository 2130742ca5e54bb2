package io.layerline.catalog.application.port;

import io.layerline.catalog.application.Deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where images run now and the promotion labels they earned. Writes join the caller's transaction. */
public interface Deployments {

    /** Records a successful deployment unless a later one of the same service and environment is recorded. */
    void deployed(Deployment deployment);

    void labelled(String registry, String repository, String digest, String label, Instant at);

    /** What runs now, of any image of these repositories ({@code registry/repository}), keyed by repository. */
    Map<String, List<Deployment>> currentOf(List<String> repositories);

    List<Deployment> currentOfDigest(String digest);

    List<String> labelsOf(String digest);
}
