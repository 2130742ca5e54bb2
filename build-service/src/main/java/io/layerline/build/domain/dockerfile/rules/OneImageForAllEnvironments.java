package io.layerline.build.domain.dockerfile.rules;

import io.layerline.build.domain.dockerfile.Dockerfile;
import io.layerline.build.domain.dockerfile.DockerfileRule;
import io.layerline.build.domain.dockerfile.Finding;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile per environment ({@code build.prod.Dockerfile}) builds a different image for prod than the one
 * tested; one image configured by environment variables flows unchanged from test to prod.
 */
public final class OneImageForAllEnvironments implements DockerfileRule {

    private static final String ENVIRONMENTS =
            "(dev|development|test|testing|qa|uat|stage|staging|preprod|pre-prod|prod|production|prd|local)";
    /** {@code build.prod.Dockerfile}, {@code prod.Dockerfile}, {@code Dockerfile.prod}, {@code Dockerfile-prod}. */
    private static final Pattern NAMED_FOR_ENVIRONMENT = Pattern.compile("(?:.*\\.)?" + ENVIRONMENTS
            + "\\.(?:dockerfile|containerfile)|(?:.*[._-])?(?:dockerfile|containerfile)[._-]" + ENVIRONMENTS);

    @Override
    public List<Finding> check(Dockerfile dockerfile, Context context) {
        if (context.path() == null) {
            return List.of();
        }
        String name = context.path().substring(context.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        Matcher named = NAMED_FOR_ENVIRONMENT.matcher(name);
        String environment = named.matches() ? (named.group(1) != null ? named.group(1) : named.group(2)) : null;
        return environment == null ? List.of() : List.of(new Finding("LL008", Finding.Severity.INFO, 0,
                context.path() + " is specific to the " + environment + " environment",
                "build one image for every environment and configure it with environment variables", null));
    }
}
