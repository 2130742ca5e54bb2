package io.layerline.retention.adapter.out.jdbc;

import java.sql.SQLException;

/** What every JDBC adapter of the retention-service shares. */
final class Jdbc {

    private Jdbc() {
    }

    /** A failure of the database, for callers that cannot handle it: what could not be done, and the driver's why. */
    static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
}
