package io.layerline.catalog.application;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Adds announced images and their bases to the catalog. */
@Singleton
public class RecordImages {

    private final Catalog catalog;

    RecordImages(Catalog catalog) {
        this.catalog = catalog;
    }

    @Transactional
    public void built(Catalog.Image image, List<Catalog.Base> bases, Instant at) {
        catalog.record(image, at);
        catalog.recordBases(image.digest(), bases);
        catalog.advanceHead(image.registry(), image.repository(), image.digest(), at);
    }

    @Transactional
    public void pushed(Catalog.Image image, Instant at) {
        catalog.record(image, at);
        catalog.advanceHead(image.registry(), image.repository(), image.digest(), at);
    }
}
