package io.layerline.promotion.domain.deployment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deployment as reported, field by field, before it is trusted. {@link #validate()} says every way it is wrong,
 * with the field that is wrong, so a deployer learns all its mistakes from one answer.
 */
public record DeploymentReport(
        String externalId,
        String service,
        String environment,
        String registry,
        String repository,
        String digest,
        String tag,
        String kind,
        String status,
        String deployer,
        String target,
        Instant startedAt,
        Instant finishedAt) {

    private static final Pattern ID = Pattern.compile("[\\p{Graph}]{1,200}");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern REGISTRY = Pattern.compile("(?=.{1,255}$)[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern REPOSITORY = Pattern.compile("(?=.{1,255}$)"
            + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final int MAX_TEXT = 255;
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** One thing wrong with one field. */
    public record FieldError(String field, String message) {
    }

    /** Every way this report is wrong; empty when it can be recorded. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        require(errors, "externalId", externalId, ID, "1 to 200 visible characters without spaces");
        require(errors, "service", service, SERVICE, "letters, digits, '.', '_' or '-', at most 128, e.g. checkout-api");
        require(errors, "environment", environment, ENVIRONMENT,
                "lower-case letters, digits, '_' or '-', at most 63, e.g. prod_test");
        require(errors, "image.registry", registry, REGISTRY,
                "a host with an optional port, at most 255 characters, e.g. harbor.example.com");
        require(errors, "image.repository", repository, REPOSITORY,
                "an OCI repository name in lower case, at most 255 characters, e.g. team/app");
        require(errors, "image.digest", digest, DIGEST, "sha256: and 64 lower-case hex digits");
        if (tag != null && !TAG.matcher(tag).matches()) {
            errors.add(new FieldError("image.tag", "must be a valid tag (letters, digits, '.', '_', '-', at most 128)"));
        }
        if (kind != null && parse(Deployment.Kind.class, kind).isEmpty()) {
            errors.add(new FieldError("kind", "must be one of DEPLOYED, UPGRADED, ROLLED_BACK"));
        }
        if (status == null || status.isBlank()) {
            errors.add(new FieldError("status", "is required: SUCCEEDED or FAILED"));
        } else if (parse(Deployment.Status.class, status).isEmpty()) {
            errors.add(new FieldError("status", "must be SUCCEEDED or FAILED"));
        }
        limit(errors, "deployer", deployer);
        limit(errors, "target", target);
        if (finishedAt == null) {
            errors.add(new FieldError("finishedAt", "is required: when the deployment ended, ISO-8601"));
        } else if (outOfRange(finishedAt)) {
            errors.add(new FieldError("finishedAt", "must lie between 1970 and 9999"));
        } else if (startedAt != null && outOfRange(startedAt)) {
            errors.add(new FieldError("startedAt", "must lie between 1970 and 9999"));
        } else if (startedAt != null && startedAt.isAfter(finishedAt)) {
            errors.add(new FieldError("startedAt", "must not be after finishedAt"));
        }
        return errors;
    }

    /**
     * What a report comes to, checked once: the deployment it describes, or every way it is wrong and no deployment.
     */
    public record Checked(Optional<Deployment> deployment, List<FieldError> errors) {
    }

    /** Validates the report ({@link #validate()}) and, when nothing is wrong, makes its deployment. */
    public Checked check() {
        List<FieldError> errors = validate();
        return new Checked(errors.isEmpty() ? Optional.of(deployment()) : Optional.empty(), errors);
    }

    private Deployment deployment() {
        return new Deployment(externalId, service, environment,
                new ImageCoordinates(registry, repository, digest, Optional.ofNullable(tag)),
                kind == null ? Deployment.Kind.DEPLOYED : parse(Deployment.Kind.class, kind).orElseThrow(),
                parse(Deployment.Status.class, status).orElseThrow(),
                Optional.ofNullable(deployer), Optional.ofNullable(target), Optional.ofNullable(startedAt), finishedAt);
    }

    private static void require(List<FieldError> errors, String field, String value, Pattern pattern, String rule) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required: " + rule));
        } else if (!pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "must be " + rule));
        }
    }

    private static void limit(List<FieldError> errors, String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    private static boolean outOfRange(Instant at) {
        return at.isBefore(EARLIEST) || at.isAfter(LATEST);
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }
}
