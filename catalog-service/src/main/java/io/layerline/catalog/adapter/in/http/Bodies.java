package io.layerline.catalog.adapter.in.http;

import io.layerline.catalog.application.Deployment;
import io.layerline.catalog.application.GraphQueries;
import io.layerline.catalog.application.Image;
import io.layerline.catalog.application.Metadata;
import io.layerline.catalog.application.RepositoryView;
import io.layerline.catalog.application.StoredImage;
import io.layerline.catalog.domain.cascade.Cascade;
import io.layerline.catalog.domain.cascade.CascadeItem;
import io.layerline.catalog.domain.governance.Violation;
import io.layerline.catalog.domain.graph.Tier;
import io.layerline.http.ApiError;
import io.layerline.http.ApiResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The HTTP bodies of the catalog API and their mapping from the application's types. */
final class Bodies {

    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private Bodies() {
    }

    @Serdeable
    record ImageBody(String registry, String repository, String digest, List<String> tags, @Nullable Long size,
                     @Nullable Integer layerCount, @Nullable String sourceRepository, @Nullable String commit,
                     @Nullable String branch, @Nullable String author, @Nullable String ciRunUrl, Instant seenAt) {
    }

    @Serdeable
    record MetadataBody(@Nullable String ownerTeam, @Nullable String tier, @Nullable String description,
                        @Nullable String docsUrl, @Nullable String contact, @Nullable Instant updatedAt) {
    }

    @Serdeable
    record RepositoryBody(String name, String registry, String repository, String tier, String tierSource,
                          MetadataBody metadata, ImageBody newest, @Nullable String baseRepository,
                          @Nullable String baseReference, int depth, boolean usedAsBase) {
    }

    @Serdeable
    record DeploymentBody(String service, String environment, String repository, String digest,
                          Instant deployedAt) {
    }

    @Serdeable
    record NamedImageBody(String digest, @Nullable String repository) {
    }

    @Serdeable
    record BaseBody(int stageIndex, String reference, @Nullable String digest, boolean finalStage) {
    }

    @Serdeable
    record ImageDetailBody(String digest, List<ImageBody> images, List<BaseBody> bases, List<NamedImageBody> lineage,
                           List<NamedImageBody> children, List<DeploymentBody> deployments, List<String> labels) {
    }

    @Serdeable
    record RepositoryDetailBody(RepositoryBody repository, List<ImageBody> images, List<NamedImageBody> lineage,
                                List<DeploymentBody> deployments) {
    }

    @Serdeable
    record AffectedBody(String repository, String digest, int wave, @Nullable String owner, @Nullable String tier,
                        List<DeploymentBody> deployments) {
    }

    @Serdeable
    record ImpactBody(List<AffectedBody> affected, List<Set<String>> waves, Set<String> inCycles) {
    }

    @Serdeable
    record ViolationBody(String repository, String kind, String detail) {
    }

    @Serdeable
    record ViolationsBody(Map<String, Integer> counts, List<ViolationBody> violations) {
    }

    @Serdeable
    record CascadeItemBody(String repository, int wave, String state, String currentDigest,
                           @Nullable String requestedBaseDigest, @Nullable String rebuiltDigest,
                           @Nullable String reason, List<String> dependsOn, Instant updatedAt) {
    }

    @Serdeable
    record CascadeBody(String id, String status, String base, String previousDigest, String newDigest,
                       Instant startedAt, Instant updatedAt, Map<String, Integer> counts,
                       @Nullable List<CascadeItemBody> items) {
    }

    @Serdeable
    record ExclusionRequest(@Nullable String repository, @Nullable String by) {
    }

    static boolean isDigest(String digest) {
        return digest != null && DIGEST.matcher(digest).matches();
    }

    static HttpResponse<ApiError> badDigest() {
        return ApiResponses.badRequest("digest", "must be sha256: and 64 lower-case hex digits");
    }

    /** {@code registry/repository} split at the first slash, or null when there is no repository part. */
    static String[] split(String name) {
        int slash = name == null ? -1 : name.indexOf('/');
        return slash <= 0 || slash == name.length() - 1 ? null
                : new String[] {name.substring(0, slash), name.substring(slash + 1)};
    }

    static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static ImageBody image(StoredImage stored) {
        Image image = stored.image();
        return new ImageBody(image.registry(), image.repository(), image.digest(), image.tags().stream().sorted()
                .toList(), image.size(), image.layerCount(), image.sourceRepository(), image.commit(), image.branch(),
                image.author(), image.ciRunUrl(), stored.seenAt());
    }

    static MetadataBody metadata(Metadata metadata) {
        return new MetadataBody(metadata.ownerTeam(), lower(metadata.tier()), metadata.description(),
                metadata.docsUrl(), metadata.contact(), metadata.updatedAt());
    }

    static RepositoryBody repository(RepositoryView view) {
        return new RepositoryBody(view.name(), view.head().registry(), view.head().repository(),
                lower(view.tier().tier()), lower(view.tier().source()), metadata(view.metadata()),
                image(view.head().image()), view.baseRepository(), view.baseReference(), view.depth(),
                view.hasDependants());
    }

    static DeploymentBody deployment(Deployment deployment) {
        return new DeploymentBody(deployment.service(), deployment.environment(),
                deployment.registry() + "/" + deployment.repository(), deployment.digest(), deployment.deployedAt());
    }

    static List<NamedImageBody> named(List<GraphQueries.ImageInRepository> images) {
        return images.stream().map(image -> new NamedImageBody(image.digest(), image.repository())).toList();
    }

    static ImpactBody impact(GraphQueries.Impact impact) {
        return new ImpactBody(impact.affected().stream().map(affected -> new AffectedBody(affected.repository(),
                affected.digest(), affected.wave(), affected.owner(), lower(affected.tier()),
                affected.deployments().stream().map(Bodies::deployment).toList())).toList(), impact.waves(),
                impact.inCycles());
    }

    static ViolationBody violation(Violation violation) {
        return new ViolationBody(violation.repository(), lower(violation.kind()), violation.detail());
    }

    static CascadeBody cascade(Cascade cascade, boolean withItems) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        cascade.countsByState().forEach((state, count) -> counts.put(lower(state), count));
        return new CascadeBody(cascade.id(), lower(cascade.status()), cascade.change().reference(),
                cascade.change().previousDigest(), cascade.change().newDigest(), cascade.startedAt(),
                cascade.updatedAt(), counts, withItems ? cascade.items().stream().map(Bodies::item).toList() : null);
    }

    private static CascadeItemBody item(CascadeItem item) {
        return new CascadeItemBody(item.repository(), item.wave(), lower(item.state()), item.currentDigest(),
                item.requestedBaseDigest(), item.rebuiltDigest(), item.reason(),
                item.dependsOn().stream().sorted().toList(), item.updatedAt());
    }

    static Tier tier(String value) {
        try {
            return value == null ? null : Tier.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
