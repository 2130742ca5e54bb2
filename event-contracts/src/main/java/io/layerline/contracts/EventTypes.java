package io.layerline.contracts;

import io.layerline.contracts.v1.BaseImageUpdated;
import io.layerline.contracts.v1.BuildFailed;
import io.layerline.contracts.v1.DeploymentFinished;
import io.layerline.contracts.v1.ImageBuilt;
import io.layerline.contracts.v1.ImageDeleted;
import io.layerline.contracts.v1.ImagePromoted;
import io.layerline.contracts.v1.ImagePulled;
import io.layerline.contracts.v1.ImagePushed;
import io.layerline.contracts.v1.ImageScanned;
import io.layerline.contracts.v1.ImagesPruned;
import io.layerline.contracts.v1.ImagesRestored;
import io.layerline.contracts.v1.RebuildRequested;
import io.layerline.contracts.v1.RetentionRunFinished;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the backbone. Adding one here, with its schema and a golden sample, is how a contract is born. */
public final class EventTypes {

    static final String SCHEMA_BASE_URI = "https://layerline.dev/schemas/";

    public static final EventType<ImageBuilt> IMAGE_BUILT =
            new EventType<>("dev.layerline.image.built.v1", "image-built", 1, ImageBuilt.class, Topics.IMAGES);
    public static final EventType<ImagePushed> IMAGE_PUSHED =
            new EventType<>("dev.layerline.image.pushed.v1", "image-pushed", 1, ImagePushed.class, Topics.IMAGES);
    public static final EventType<ImagePulled> IMAGE_PULLED =
            new EventType<>("dev.layerline.image.pulled.v1", "image-pulled", 1, ImagePulled.class, Topics.IMAGES);
    public static final EventType<ImageDeleted> IMAGE_DELETED =
            new EventType<>("dev.layerline.image.deleted.v1", "image-deleted", 1, ImageDeleted.class, Topics.IMAGES);
    public static final EventType<ImageScanned> IMAGE_SCANNED =
            new EventType<>("dev.layerline.image.scanned.v1", "image-scanned", 1, ImageScanned.class, Topics.IMAGES);
    public static final EventType<DeploymentFinished> DEPLOYMENT_FINISHED =
            new EventType<>("dev.layerline.deployment.finished.v1", "deployment-finished", 1,
                    DeploymentFinished.class, Topics.DEPLOYMENTS);
    public static final EventType<ImagePromoted> IMAGE_PROMOTED =
            new EventType<>("dev.layerline.image.promoted.v1", "image-promoted", 1, ImagePromoted.class,
                    Topics.PROMOTIONS);
    public static final EventType<ImagesPruned> IMAGES_PRUNED =
            new EventType<>("dev.layerline.images.pruned.v1", "images-pruned", 1, ImagesPruned.class,
                    Topics.RETENTION);
    public static final EventType<ImagesRestored> IMAGES_RESTORED =
            new EventType<>("dev.layerline.images.restored.v1", "images-restored", 1, ImagesRestored.class,
                    Topics.RETENTION);
    public static final EventType<RetentionRunFinished> RETENTION_RUN_FINISHED =
            new EventType<>("dev.layerline.retention.run.finished.v1", "retention-run-finished", 1,
                    RetentionRunFinished.class, Topics.RETENTION);
    public static final EventType<RebuildRequested> REBUILD_REQUESTED =
            new EventType<>("dev.layerline.rebuild.requested.v1", "rebuild-requested", 1, RebuildRequested.class,
                    Topics.REBUILDS);
    public static final EventType<BaseImageUpdated> BASE_IMAGE_UPDATED =
            new EventType<>("dev.layerline.base-image.updated.v1", "base-image-updated", 1,
                    BaseImageUpdated.class, Topics.REBUILDS);

    public static final EventType<BuildFailed> BUILD_FAILED =
            new EventType<>("dev.layerline.build.failed.v1", "build-failed", 1, BuildFailed.class, Topics.IMAGES);

    public static final List<EventType<?>> ALL = List.of(
            IMAGE_BUILT, BUILD_FAILED, IMAGE_PUSHED, IMAGE_PULLED, IMAGE_DELETED, IMAGE_SCANNED, DEPLOYMENT_FINISHED,
            IMAGE_PROMOTED, IMAGES_PRUNED, IMAGES_RESTORED, RETENTION_RUN_FINISHED, REBUILD_REQUESTED,
            BASE_IMAGE_UPDATED);

    private static final Map<String, EventType<?>> BY_CE_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_PAYLOAD =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private EventTypes() {
    }

    public static Optional<EventType<?>> byCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    @SuppressWarnings("unchecked")
    public static <T extends LayerlineEvent> EventType<T> of(T event) {
        EventType<?> type = BY_PAYLOAD.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("not a registered event payload: " + event.getClass().getName());
        }
        return (EventType<T>) type;
    }

    /**
     * Whether {@code ceType} is another version of an event we know, e.g. a {@code .v2} published beside our
     * {@code .v1}. A consumer skips those instead of treating them as poison.
     */
    public static boolean isOtherVersionOfKnownEvent(String ceType) {
        String family = EventType.familyOf(ceType);
        return !BY_CE_TYPE.containsKey(ceType) && !family.equals(ceType)
                && ALL.stream().anyMatch(type -> type.family().equals(family));
    }
}
