package io.layerline.catalog.application;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds announced images and their bases to the catalog. An image may complete a requested rebuild or, by moving a
 * tag other images build on, start a cascade.
 */
@Singleton
public class RecordImages {

    private final Catalog catalog;
    private final RebuildCascades cascades;

    RecordImages(Catalog catalog, RebuildCascades cascades) {
        this.catalog = catalog;
        this.cascades = cascades;
    }

    @Transactional
    public void built(Catalog.Image image, List<Catalog.Base> bases, Instant at) {
        catalog.record(image, at);
        catalog.recordBases(image.digest(), bases);
        announce(image, digestsOf(bases), at);
    }

    @Transactional
    public void pushed(Catalog.Image image, Instant at) {
        catalog.record(image, at);
        announce(image, digestsOf(catalog.basesOf(image.digest())), at);
    }

    private static Set<String> digestsOf(List<Catalog.Base> bases) {
        return bases.stream().map(Catalog.Base::digest).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private void announce(Catalog.Image image, Set<String> baseDigests, Instant at) {
        List<Catalog.TagMove> moves = catalog.moveTags(image.registry(), image.repository(), image.tags(),
                image.digest(), at);
        catalog.resolveBases(image.registry(), image.repository(), image.tags(), image.digest());
        catalog.advanceHead(image.registry(), image.repository(), image.digest(), at);
        boolean requestedRebuild = cascades.rebuilt(image.registry() + "/" + image.repository(), image.digest(),
                baseDigests, at);
        if (!requestedRebuild) {
            moves.forEach(move -> cascades.baseMoved(image.registry(), image.repository(), move, image.digest(), at));
        }
    }
}
