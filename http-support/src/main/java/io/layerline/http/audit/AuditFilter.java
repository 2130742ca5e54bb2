package io.layerline.http.audit;

import io.layerline.http.Text;
import io.layerline.http.security.StaticTokenValidator;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Writes every call that can change something — any method but GET, HEAD and OPTIONS — to the {@link AuditTrail}
 * and to the {@code layerline.audit} log: when, who (the token's or JWT's name; none for the ingress endpoints, which
 * authenticate with their own secrets), how they authenticated, what they called and what it answered. Refused calls
 * are recorded too.
 */
@ServerFilter("/api/**")
public class AuditFilter implements Ordered {

    private static final Logger AUDIT = LoggerFactory.getLogger("layerline.audit");
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final AuditTrail trail;
    private final Clock clock;

    AuditFilter(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** Around the security filter, so that calls it refuses are recorded too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        Optional<Authentication> caller = request.getUserPrincipal(Authentication.class);
        String principal = caller.map(Authentication::getName).orElse(null);
        String authenticatedBy = caller.map(AuditFilter::kind).orElse(null);
        String path = request.getPath();
        int status = response.code();
        AUDIT.info("{} {} {} by {} ({})", request.getMethodName(), path, status,
                principal == null ? "anonymous" : principal, authenticatedBy == null ? "no token" : authenticatedBy);
        try {
            trail.record(clock.instant(), principal, authenticatedBy, request.getMethodName(), Text.printable(path),
                    status);
        } catch (RuntimeException e) {
            LOG.error("Cannot write the audit trail of {} {} by {}", request.getMethodName(), path, principal, e);
        }
    }

    private static String kind(Authentication authentication) {
        Object kind = authentication.getAttributes().get(StaticTokenValidator.KIND);
        return kind == null ? "jwt" : kind.toString();
    }
}
