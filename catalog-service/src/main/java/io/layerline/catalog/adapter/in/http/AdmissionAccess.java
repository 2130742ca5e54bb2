package io.layerline.catalog.adapter.in.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * With {@code LAYERLINE_CATALOG_ADMISSION_ANONYMOUS=true}, the admission webhook answers the Kubernetes API server
 * without a token: managed clusters cannot give their API server one for a webhook. Then the webhook's TLS
 * certificate, whose CA only the cluster trusts, and the NetworkPolicy that admits only the API server's traffic on
 * the webhook's port guard it. Every other path keeps its rule.
 */
@Singleton
@Requires(property = "layerline.catalog.gates.admission.anonymous", value = "true")
class AdmissionAccess implements SecurityRule<HttpRequest<?>> {

    static final String PATH = "/api/v1/gates/admission";

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        return Publishers.just(request.getMethod() == HttpMethod.POST && request.getPath().equals(PATH)
                ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
