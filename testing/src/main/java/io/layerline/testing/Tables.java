package io.layerline.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A digest of every row of a service's tables, to show that a refused request wrote nothing. Left out: the audit
 * trail, which records refused calls on purpose; Flyway's history; and the inbox and outbox, which the consumers and
 * the relay change on their own (a request's outbox row is written with its state rows, which are compared).
 */
public final class Tables {

    private static final Set<String> LEFT_OUT = Set.of("api_audit", "flyway_schema_history", "inbox", "outbox");

    private final String jdbcUrl;
    private final String schema;
    private final String consumerGroup;
    private final Set<String> background;

    /** @param consumerGroup the service's consumer group, which {@link #quiet} waits for to catch up */
    public Tables(String jdbcUrl, String schema, String consumerGroup) {
        this(jdbcUrl, schema, consumerGroup, Set.of());
    }

    /**
     * @param background tables that work in the background writes on its own (the build executor running a build
     *                   that was accepted): left out of the digest
     */
    public Tables(String jdbcUrl, String schema, String consumerGroup, Set<String> background) {
        this.jdbcUrl = jdbcUrl;
        this.schema = schema;
        this.consumerGroup = consumerGroup;
        this.background = Set.copyOf(background);
    }

    /**
     * The tables of a service started with {@link Infrastructure#serviceProperties()}.
     *
     * @param property the running service's configuration ({@code name -> context.getRequiredProperty(name,
     *                 String.class)})
     */
    public static Tables of(Function<String, String> property, String schema, String... background) {
        return new Tables(property.apply("datasources.default.url"), schema,
                property.apply("layerline.eventing.consumer-group"), Set.of(background));
    }

    /** Each table's row count and the md5 of its rows as text, by table name. */
    public Map<String, String> digest() {
        try (Connection connection = connection()) {
            Map<String, String> digests = new TreeMap<>();
            for (String table : Rows.firstColumn(connection, "SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY 1", schema)) {
                if (!LEFT_OUT.contains(table) && !background.contains(table)) {
                    String qualified = "\"" + schema + "\".\"" + table + "\"";
                    digests.put(table, Rows.firstColumn(connection, "SELECT count(*) || ' ' || coalesce(md5("
                            + "string_agg(t::text, ',' ORDER BY t::text)), '') FROM " + qualified + " t").get(0));
                }
            }
            return digests;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables of " + schema, e);
        }
    }

    /**
     * Waits until the service's consumers have applied every event earlier test classes left on the broker's topics,
     * then until the tables stay the same for three seconds.
     */
    public Map<String, String> quiet() {
        ConsumerGroups.awaitCaughtUp(consumerGroup);
        Map<String, String> last = digest();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofSeconds(3).toNanos());
            Map<String, String> now = digest();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new IllegalStateException("the tables of " + schema + " kept changing for 90 s");
    }

    /** Runs statements on the service's database, outside the service: to break it on purpose, and mend it. */
    public void execute(List<String> statements) {
        try (Connection connection = connection(); var statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + statements, e);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, io.layerline.localinfra.LocalPostgres.USER, "");
    }
}
