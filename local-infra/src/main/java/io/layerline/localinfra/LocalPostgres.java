package io.layerline.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * A real PostgreSQL 17 server from the embedded binaries, as a child process.
 * With a data directory that already holds a cluster it starts that cluster again, data intact.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres server;

    private LocalPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts PostgreSQL on {@code port} (0: any) with its cluster in {@code dataDir}, created when missing. */
    public static LocalPostgres start(Path dataDir, int port) {
        LocalPostgres postgres = new LocalPostgres(dataDir, port == 0 ? Ports.free() : port);
        postgres.start();
        return postgres;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDir.getParent());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPgBinaryResolver(LocalPostgres::binaries)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first PostgreSQL archive for this system on the class path. The library's own lookup refuses to choose when
     * a jar's manifest class path (the launcher's) lists the same binaries jar again.
     */
    private static InputStream binaries(String system, String architecture) throws IOException {
        String name = ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(Locale.ROOT);
        InputStream archive = LocalPostgres.class.getResourceAsStream("/" + name);
        if (archive == null) {
            throw new IOException("its binaries come for Linux on x86_64 and arm64, not for " + system + " on "
                    + architecture + " (no " + name + " on the class path)");
        }
        return archive;
    }

    /** Stops the server; its cluster stays for the next {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        } finally {
            server = null;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void createDatabase(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        try (Connection connection = server().getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized EmbeddedPostgres server() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        return server;
    }
}
