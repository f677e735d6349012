package io.pulso.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Gives a database that gained TimescaleDB after its migrations ran what V3 would have given it: V3 records itself
 * applied on plain PostgreSQL (it skips its hypertables there), so Flyway never runs it again. This runs V3's own
 * script again, the one copy of the hypertable and retention SQL: it installs the extension, converts the tables
 * with their rows ({@code migrate_data}) and adds the retention policies, each step {@code if_not_exists}, so running
 * it twice changes nothing. One transaction: a failure leaves the tables as they were.
 */
public final class TimescaleConversion {

    /** The migration whose script is run. */
    public static final String SCRIPT = "V3__timescaledb.sql";
    /** The tables V3 makes hypertables, in its order. */
    public static final List<String> HYPERTABLES = List.of("dashboard_data", "evolution_data", "operation_data",
            "productivity_data", "etl_execution_log");

    /** What a conversion did: the extension's version, tables converted now, tables that already were hypertables. */
    public record Outcome(String version, List<String> converted, List<String> alreadyHypertables) {
    }

    /** TimescaleDB cannot be installed on this server: nothing was changed. */
    public static final class ExtensionMissingException extends RuntimeException {
        public ExtensionMissingException(String message) {
            super(message);
        }
    }

    /** The conversion was refused or failed and was rolled back: nothing was changed. */
    public static final class ConversionException extends RuntimeException {
        public ConversionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DataSource dataSource;
    private final String script;

    /** @param script the text of {@link #SCRIPT} */
    public TimescaleConversion(DataSource dataSource, String script) {
        this.dataSource = dataSource;
        this.script = script;
    }

    public Outcome convert() {
        try (Connection c = dataSource.getConnection()) {
            if (!available(c)) {
                throw new ExtensionMissingException("TimescaleDB is not available on this PostgreSQL server "
                        + "(pg_available_extensions has no timescaledb), so the tables stay plain tables; nothing was changed");
            }
            c.setAutoCommit(false);
            try {
                List<String> before = installedVersion(c).isPresent() ? hypertables(c) : List.of();
                try (Statement s = c.createStatement()) {
                    s.execute(script);
                }
                List<String> after = hypertables(c);
                String version = installedVersion(c).orElseThrow();
                c.commit();
                return new Outcome(version, after.stream().filter(t -> !before.contains(t)).toList(),
                        before.stream().filter(HYPERTABLES::contains).toList());
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new ConversionException("converting the tables to hypertables failed and was rolled back: " + e.getMessage(), e);
        }
    }

    /** Whether the server can install TimescaleDB (it is in {@code pg_available_extensions}). */
    public static boolean available(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** The version installed in this database, or empty. */
    public static Optional<String> installedVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /** Which of {@link #HYPERTABLES} are hypertables in the current schema; call only with the extension installed. */
    public static List<String> hypertables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT hypertable_name FROM timescaledb_information.hypertables "
                + "WHERE hypertable_schema = current_schema()");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return HYPERTABLES.stream().filter(names::contains).toList();
    }
}
