package io.layerline.promotion.domain.deployment;

import java.util.Locale;
import java.util.Map;

/**
 * Names for the ids deployers send. CDEvents lets a service id or an environment id be any string —
 * {@code argocd/checkout-api}, {@code /dev/service/run/subject}, {@code https://kubernetes.default.svc} — while the
 * ledger, its API and the events name services and environments plainly. An id that is already a name stays as it
 * is; any other becomes one, the same id always the same name, without losing what told ids apart: a service's path
 * separators become dots, an environment's every other character a dash. Environment ids can be given names outright
 * ({@code layerline.promotion.environment-ids}).
 */
public final class ExternalIds {

    private static final int SERVICE_LENGTH = 128;
    private static final int ENVIRONMENT_LENGTH = 63;

    private ExternalIds() {
    }

    /** {@code argocd/checkout-api} → {@code argocd.checkout-api}; {@code checkout-api} stays. */
    public static String serviceName(String id) {
        if (id == null) {
            return null;
        }
        String name = id.strip().replaceAll("[/\\\\:]+", ".").replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[.-]+$", "");
        return name.isEmpty() ? id : truncate(name, SERVICE_LENGTH);
    }

    /**
     * The name an environment id was given, else {@code prod_test} stays, {@code Prod} becomes {@code prod} and
     * {@code https://kubernetes.default.svc} becomes {@code https-kubernetes-default-svc}.
     *
     * @param names environment ids to the names they were given
     */
    public static String environmentName(String id, Map<String, String> names) {
        if (id == null) {
            return null;
        }
        String given = names.get(id.strip());
        if (given != null) {
            return given;
        }
        String name = id.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[_-]+$", "");
        return name.isEmpty() ? id : truncate(name, ENVIRONMENT_LENGTH);
    }

    private static String truncate(String name, int length) {
        return name.length() <= length ? name : name.substring(0, length).replaceAll("[._-]+$", "");
    }
}
