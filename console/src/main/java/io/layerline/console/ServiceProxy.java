package io.layerline.console;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.client.ProxyHttpClient;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.client.exceptions.HttpClientException;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /proxy/<service>/api/…} → that service's {@code /api/…}, method, query, body and headers as sent (the
 * caller's token included: each service authenticates and audits its callers itself), the answer streamed back as
 * it comes, Server-Sent Events included. Only API paths are forwarded (no {@code ..} climbs out of them); a service
 * that cannot be reached is a {@code 502} naming it. The console holds no secret of its own.
 */
@Filter(ServiceProxy.PREFIX + "**")
final class ServiceProxy implements HttpServerFilter {

    static final String PREFIX = "/proxy/";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);

    private final ProxyHttpClient client;
    private final Upstreams upstreams;

    ServiceProxy(ProxyHttpClient client, Upstreams upstreams) {
        this.client = client;
        this.upstreams = upstreams;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String rest = request.getPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        Optional<URI> upstream = upstreams.of(name);
        if (upstream.isEmpty() || !path.startsWith("/api/")
                || Arrays.stream(path.split("/")).anyMatch(segment -> segment.equals("..") || segment.equals("."))) {
            return Publishers.just(HttpResponse.notFound(Map.of("message",
                    "the console forwards /proxy/{build,promotion,retention,catalog}/api/… only")));
        }
        URI target = upstream.get();
        MutableHttpRequest<?> forwarded = request.mutate().uri(uri -> uri.scheme(target.getScheme())
                .host(target.getHost()).port(target.getPort()).replacePath(path));
        return Flux.from(client.proxy(forwarded)).onErrorResume(HttpClientException.class, e -> {
            LOG.warn("Forwarding {} {} to {}: {}", request.getMethodName(), path, target, e.getMessage());
            return Mono.just(HttpResponse.<Object>status(HttpStatus.BAD_GATEWAY)
                    .body(Map.of("message", "the " + name + "-service cannot be reached; try again")));
        });
    }
}
