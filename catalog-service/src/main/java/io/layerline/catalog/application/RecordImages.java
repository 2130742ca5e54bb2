package io.layerline.catalog.application;

import io.layerline.catalog.application.port.Catalog;
import io.layerline.catalog.domain.graph.BaseReference;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /** An image a build announced, with the bases of its stages. */
    public record Built(Image image, List<StageBase> bases, Instant at) {

        Catalog.Sighting sighting() {
            return new Catalog.Sighting(image, at);
        }
    }

    /**
     * Records built images in this order, as if one after the other. Most images neither complete a requested
     * rebuild nor carry a tag another image builds on: a run of those is written together, with a JDBC batch per
     * table. An image that may start or advance a cascade is recorded alone, between the runs before and after it.
     */
    @Transactional
    public void built(List<Built> images) {
        int next = 0;
        while (next < images.size()) {
            List<Built> rest = images.subList(next, images.size());
            int quiet = quietPrefix(rest);
            if (quiet == 0) {
                Built image = rest.get(0);
                recordAll(List.of(image));
                announce(image.image(), digestsOf(image.bases()), image.at());
                next++;
            } else {
                List<Built> run = rest.subList(0, quiet);
                recordAll(run);
                List<Catalog.Sighting> sightings = run.stream().map(Built::sighting).toList();
                catalog.moveTags(sightings);
                catalog.advanceHeads(sightings);
                next += quiet;
            }
        }
    }

    @Transactional
    public void pushed(Image image, Instant at) {
        catalog.record(List.of(new Catalog.Sighting(image, at)));
        announce(image, digestsOf(catalog.basesOf(image.digest())), at);
    }

    private void recordAll(List<Built> images) {
        catalog.record(images.stream().map(Built::sighting).toList());
        catalog.recordBases(images.stream().map(image -> new Catalog.ImageBases(image.image().digest(),
                image.bases())).toList());
    }

    /**
     * How many images at the head of {@code images} can be recorded together: no cascade awaits a rebuild of their
     * repository, and no image — recorded before, or among these — builds on one of their tags. For those, moving
     * their tags starts no cascade and resolves no base, and recording them completes no rebuild.
     */
    private int quietPrefix(List<Built> images) {
        Set<String> awaited = cascades.awaited(images.stream().map(image -> image.image().name())
                .collect(Collectors.toSet()));
        Set<RepositoryTag> tags = images.stream().flatMap(image -> image.image().repositoryTags())
                .collect(Collectors.toSet());
        Set<RepositoryTag> builtOn = Stream.concat(
                        catalog.builtOn(tags).stream(),
                        images.stream().flatMap(image -> image.bases().stream())
                                .map(base -> BaseReference.parse(base.reference()))
                                .flatMap(Optional::stream)
                                .filter(reference -> reference.tag() != null)
                                .map(reference -> new RepositoryTag(reference.registry(), reference.repository(),
                                        reference.tag())))
                .collect(Collectors.toSet());
        int quiet = 0;
        for (Built image : images) {
            if (awaited.contains(image.image().name()) || image.image().repositoryTags().anyMatch(builtOn::contains)) {
                break;
            }
            quiet++;
        }
        return quiet;
    }

    private static Set<String> digestsOf(List<StageBase> bases) {
        return bases.stream().map(StageBase::digest).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private void announce(Image image, Set<String> baseDigests, Instant at) {
        List<Catalog.Sighting> sighting = List.of(new Catalog.Sighting(image, at));
        List<Catalog.TagMove> moves = catalog.moveTags(sighting).get(0);
        catalog.resolveBases(image.registry(), image.repository(), image.tags(), image.digest());
        catalog.advanceHeads(sighting);
        boolean requestedRebuild = cascades.rebuilt(image.name(), image.digest(), baseDigests, at);
        if (!requestedRebuild) {
            moves.forEach(move -> cascades.baseMoved(image.registry(), image.repository(), move, image.digest(), at));
        }
    }
}
