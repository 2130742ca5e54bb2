package io.layerline.catalog.application.port;

import io.layerline.catalog.domain.cascade.Cascade;
import io.layerline.catalog.domain.cascade.CascadeItem;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Rebuild cascades. Writes join the caller's transaction. */
public interface Cascades {

    void create(Cascade cascade);

    /** Loads a cascade and locks it until the transaction ends, so concurrent rebuild reports serialise. */
    Optional<Cascade> lock(String id);

    Optional<Cascade> find(String id);

    void save(Cascade cascade);

    /** The cascades waiting for a rebuild of this repository ({@code registry/repository}). */
    List<String> awaiting(String repository);

    /** Those of these repositories ({@code registry/repository}) some cascade waits for a rebuild of. */
    Set<String> awaited(Set<String> repositories);

    /** The newest cascades first, {@code before} the start of a previous page's last one. */
    List<Cascade> list(Cascade.Status status, String before, int limit);

    /** Items of unfinished cascades by state. */
    Map<CascadeItem.State, Integer> openItemsByState();
}
