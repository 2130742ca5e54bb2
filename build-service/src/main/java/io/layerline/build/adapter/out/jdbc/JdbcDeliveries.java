package io.layerline.build.adapter.out.jdbc;

import io.layerline.build.application.port.Deliveries;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Deliveries in PostgreSQL, in the caller's transaction. */
@Singleton
class JdbcDeliveries implements Deliveries {

    private final DataSource dataSource;

    JdbcDeliveries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean claim(String source, String id, Instant at) {
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO ingress_delivery (source, delivery_id, received_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            insert.setString(1, source);
            insert.setString(2, id);
            insert.setTimestamp(3, Timestamp.from(at));
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("record delivery " + id + " from " + source, e);
        }
    }
}
