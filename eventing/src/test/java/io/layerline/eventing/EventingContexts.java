package io.layerline.eventing;

import io.layerline.localinfra.LocalPostgres;
import io.layerline.testing.Infrastructure;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Starts a producing or consuming test application, each with a database of its own. */
final class EventingContexts {

    private EventingContexts() {
    }

    static ApplicationContext start(String role, String bootstrapServers, String databaseUrl) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("test.role", role);
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        properties.put("datasources.default.url", databaseUrl);
        properties.put("datasources.default.username", LocalPostgres.USER);
        properties.put("datasources.default.password", "");
        properties.put("micronaut.application.name", "eventing-test-" + role);
        return ApplicationContext.run(properties, "test");
    }

    static long count(String databaseUrl, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(databaseUrl, LocalPostgres.USER, "");
             PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static String newDatabase() {
        return Infrastructure.newDatabase();
    }
}
