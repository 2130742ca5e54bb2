package io.layerline.http.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code api_audit} table of the service's schema (created by {@code db/http}). */
@Singleton
public class AuditTrail {

    static final int MAX_PATH = 2000;

    private final TransactionOperations<Connection> transactions;

    AuditTrail(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** One call to the API. */
    public record Entry(long id, Instant occurredAt, @Nullable String principal, @Nullable String authenticatedBy,
                        String method, String path, int status) {
    }

    void record(Instant at, @Nullable String principal, @Nullable String authenticatedBy, String method, String path,
                int status) {
        transactions.executeWrite(transaction -> {
            try (PreparedStatement insert = transaction.getConnection().prepareStatement("""
                    INSERT INTO api_audit (occurred_at, principal, authenticated_by, method, path, status)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                insert.setTimestamp(1, Timestamp.from(at));
                insert.setString(2, principal);
                insert.setString(3, authenticatedBy);
                insert.setString(4, method);
                insert.setString(5, path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH) + "…");
                insert.setInt(6, status);
                return insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write the API audit trail", e);
            }
        });
    }

    /** The newest entries, of one principal if given, older than the entry {@code before} if given. */
    public List<Entry> newest(@Nullable String principal, @Nullable Long before, int limit) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT id, occurred_at, principal, authenticated_by, method, path, status FROM api_audit
                    WHERE (CAST(? AS text) IS NULL OR principal = ?) AND (CAST(? AS bigint) IS NULL OR id < ?)
                    ORDER BY id DESC LIMIT ?""")) {
                query.setString(1, principal);
                query.setString(2, principal);
                if (before == null) {
                    query.setNull(3, Types.BIGINT);
                    query.setNull(4, Types.BIGINT);
                } else {
                    query.setLong(3, before);
                    query.setLong(4, before);
                }
                query.setInt(5, limit);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new Entry(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getInt(7)));
                    }
                }
                return entries;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the API audit trail", e);
            }
        });
    }
}
