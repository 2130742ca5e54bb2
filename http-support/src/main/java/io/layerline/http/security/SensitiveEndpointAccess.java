package io.layerline.http.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Lets a viewer (or above) read a management endpoint made sensitive — {@code /prometheus} when
 * {@code LAYERLINE_PROMETHEUS_REQUIRES_TOKEN=true}. Endpoints left non-sensitive ({@code /health}) stay open.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class SensitiveEndpointAccess extends SensitiveEndpointRule {

    SensitiveEndpointAccess(EndpointSensitivityProcessor processor) {
        super(processor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(HttpRequest<?> request,
                                                                        Authentication authentication,
                                                                        ExecutableMethod<?, ?> method) {
        return Publishers.just(authentication.getRoles().contains(Roles.VIEWER)
                ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
