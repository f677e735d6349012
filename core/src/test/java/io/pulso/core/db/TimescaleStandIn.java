package io.pulso.core.db;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private embedded PostgreSQL (its own copy of the binaries, so no other test or process sees it) into which the
 * TimescaleDB stand-in extension of {@code src/test/resources/timescaledb-standin} can be made available: the
 * server then lists {@code timescaledb} in {@code pg_available_extensions}, as a TimescaleDB server does.
 */
final class TimescaleStandIn implements AutoCloseable {

    private static final String[] FILES = {"timescaledb.control", "timescaledb--standin.sql"};
    /**
     * Embedded PostgreSQL keeps one extracted copy of the binaries per resolver for the whole JVM, whatever the working
     * directory: a resolver of its own makes it extract a private copy, so the stand-in never reaches the shared one.
     */
    private static final PgBinaryResolver PRIVATE_COPY = DefaultPostgresBinaryResolver.INSTANCE::getPgBinary;
    private final EmbeddedPostgres server;
    private final Path extensionFolder;
    private final AtomicInteger counter = new AtomicInteger();

    private TimescaleStandIn(EmbeddedPostgres server, Path extensionFolder) {
        this.server = server;
        this.extensionFolder = extensionFolder;
    }

    static TimescaleStandIn start(Path workingDirectory) throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setPgBinaryResolver(PRIVATE_COPY)
                .setOverrideWorkingDirectory(workingDirectory.toFile()).start();
        try (Stream<Path> paths = Files.walk(workingDirectory)) {
            Path folder = paths.filter(p -> p.endsWith(Path.of("share", "postgresql", "extension")) && Files.isDirectory(p))
                    .findFirst().orElse(null);
            if (folder == null) {
                server.close();
                throw new IllegalStateException("no share/postgresql/extension under " + workingDirectory
                        + ": the embedded server runs from binaries elsewhere");
            }
            return new TimescaleStandIn(server, folder);
        }
    }

    /** Makes the stand-in installable on the whole server (as installing the TimescaleDB package would). */
    void makeAvailable() {
        for (String file : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/timescaledb-standin/" + file)) {
                Files.copy(in, extensionFolder.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void makeUnavailable() throws IOException {
        for (String file : FILES) {
            Files.deleteIfExists(extensionFolder.resolve(file));
        }
    }

    /** A new empty database on this server. */
    HikariDataSource createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + counter.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return TestDatabase.pool(new DatabaseConfig("jdbc:postgresql://localhost:" + server.getPort() + "/" + name,
                "postgres", "postgres"));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
