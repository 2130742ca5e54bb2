package io.layerline.build.adapter.out.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.layerline.build.application.Announcement;
import io.layerline.build.application.port.HarborQueue;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Harbor's queued facts in PostgreSQL, in the caller's transaction. Who announces holds a transaction-scoped advisory
 * lock, so that one replica announces at a time and the order per repository holds.
 */
@Singleton
class JdbcHarborQueue implements HarborQueue {

    private static final long ANNOUNCER_LOCK = 0x4861_7262_6f72L;

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    JdbcHarborQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void add(List<? extends Announcement> facts, Instant dueAt) {
        if (facts.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = dataSource.getConnection().prepareStatement("""
                INSERT INTO harbor_fact (registry, repository, fact, due_at) VALUES (?, ?, ?::jsonb, ?)""")) {
            for (Announcement fact : facts) {
                insert.setString(1, fact.registry());
                insert.setString(2, fact.repository());
                insert.setString(3, json.writeValueAsString(FactRow.of(fact)));
                insert.setTimestamp(4, Timestamp.from(dueAt));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("queue " + facts.size() + " Harbor facts", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Harbor fact as JSON", e);
        }
    }

    @Override
    public List<Queued> due(Instant now, int limit) {
        try (PreparedStatement lock = dataSource.getConnection().prepareStatement(
                "SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, ANNOUNCER_LOCK);
            try (ResultSet locked = lock.executeQuery()) {
                if (!locked.next() || !locked.getBoolean(1)) {
                    return List.of();
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure("take the Harbor announcer's lock", e);
        }
        try (PreparedStatement select = dataSource.getConnection().prepareStatement("""
                SELECT id, fact, attempts FROM harbor_fact head
                WHERE due_at <= ? AND NOT EXISTS (SELECT 1 FROM harbor_fact earlier
                    WHERE earlier.registry = head.registry AND earlier.repository = head.repository
                      AND earlier.id < head.id)
                ORDER BY id LIMIT ?""")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            List<Queued> due = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(new Queued(rows.getLong(1), json.readValue(rows.getString(2), FactRow.class).toFact(),
                            rows.getInt(3)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw Jdbc.failure("read the due Harbor facts", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored Harbor fact: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void remove(long id) {
        update("DELETE FROM harbor_fact WHERE id = ?", id, "remove Harbor fact " + id);
    }

    @Override
    public void postpone(long id, int attempts, Instant dueAt) {
        try (PreparedStatement update = dataSource.getConnection().prepareStatement(
                "UPDATE harbor_fact SET attempts = ?, due_at = ? WHERE id = ?")) {
            update.setInt(1, attempts);
            update.setTimestamp(2, Timestamp.from(dueAt));
            update.setLong(3, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("postpone Harbor fact " + id, e);
        }
    }

    @Override
    public long size() {
        try (PreparedStatement count = dataSource.getConnection().prepareStatement(
                "SELECT count(*) FROM harbor_fact"); ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw Jdbc.failure("count the queued Harbor facts", e);
        }
    }

    private void update(String sql, long id, String what) {
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }
}
