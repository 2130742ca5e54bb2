package io.layerline.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The service on the test's class path, run in this JVM against the test servers for the tests of one class:
 * {@code @RegisterExtension static final RunningService SERVICE = RunningService.withSchema("catalog");}, then
 * {@code SERVICE.edge()} checks its HTTP edge.
 */
public final class RunningService implements BeforeAllCallback, AfterAllCallback {

    private final String schema;
    private final Map<String, String> settings;
    private final String[] background;
    private ApplicationContext context;
    private URI base;
    private ApiEdge edge;

    private RunningService(String schema, Map<String, String> settings, String[] background) {
        this.schema = schema;
        this.settings = settings;
        this.background = background;
    }

    /** The service as it starts on the test servers, for tests that do not look into its tables. */
    public static RunningService plain() {
        return new RunningService(null, Map.of(), new String[0]);
    }

    /** @param schema the service's database schema, whose tables the edge checks keep unchanged */
    public static RunningService withSchema(String schema) {
        return new RunningService(schema, Map.of(), new String[0]);
    }

    /** The same service with these settings over the test servers'. */
    public RunningService with(Map<String, String> extra) {
        return new RunningService(schema, Map.copyOf(extra), background);
    }

    /** The same service, whose background work writes these tables while requests are refused. */
    public RunningService writingInTheBackground(String... tables) {
        return new RunningService(schema, settings, tables.clone());
    }

    @Override
    public void beforeAll(ExtensionContext tests) {
        Map<String, Object> properties = new HashMap<>(Infrastructure.serviceProperties());
        properties.putAll(settings);
        context = ApplicationContext.run(properties);
        base = context.getBean(EmbeddedServer.class).start().getURI();
    }

    @Override
    public void afterAll(ExtensionContext tests) {
        context.close();
    }

    public URI base() {
        return base;
    }

    /** The checks of the service's HTTP edge, made once the service runs. */
    public ApiEdge edge() {
        if (schema == null) {
            throw new IllegalStateException("the edge checks need the service's schema: RunningService.withSchema");
        }
        if (edge == null) {
            edge = new ApiEdge(base, Tables.of(name -> context.getRequiredProperty(name, String.class), schema,
                    background));
        }
        return edge;
    }
}
