package io.layerline.build.adapter.out.jdbc;

import io.layerline.build.application.port.UploadedContexts;
import io.layerline.build.domain.reference.Digests;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Uploaded contexts in PostgreSQL, so every instance of the service can build them. Each call is its own
 * transaction: an upload is stored once, whatever else happens.
 */
@Singleton
class JdbcUploadedContexts implements UploadedContexts {

    private final DataSource dataSource;

    JdbcUploadedContexts(DataSource dataSource) {
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public Optional<String> store(InputStream tar, long maxBytes) {
        byte[] bytes;
        try {
            bytes = tar.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded context", e);
        }
        if (bytes.length > maxBytes) {
            return Optional.empty();
        }
        String id = Digests.sha256(bytes);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO build_context (id, content, size, created_at) VALUES (?, ?, ?, ?)
                     ON CONFLICT (id) DO NOTHING""")) {
            connection.setAutoCommit(true);
            insert.setString(1, id);
            insert.setBytes(2, bytes);
            insert.setLong(3, bytes.length);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return Optional.of(id);
        } catch (SQLException e) {
            throw Jdbc.failure("store an uploaded context", e);
        }
    }

    @Override
    public boolean exists(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM build_context WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("look up context " + id, e);
        }
    }

    @Override
    public boolean copyTo(String id, Path target) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT content FROM build_context WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return false;
                }
                try (InputStream content = rows.getBinaryStream(1)) {
                    Files.copy(content, target);
                }
                return true;
            }
        } catch (SQLException e) {
            throw Jdbc.failure("read context " + id, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write context " + id + " to " + target, e);
        }
    }
}
