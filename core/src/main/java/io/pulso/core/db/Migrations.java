package io.pulso.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway over the SQL in {@code migrations/} (packaged in the jar as {@code db/migration}). The only place DDL
 * is applied from.
 */
public final class Migrations {

    public static final String CLASSPATH_LOCATION = "classpath:db/migration";
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private final Flyway flyway;
    private final DataSource dataSource;
    private final List<String> locations;

    public Migrations(DataSource dataSource, String... locations) {
        this.dataSource = dataSource;
        this.locations = List.of(locations.length == 0 ? new String[] {CLASSPATH_LOCATION} : locations);
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(this.locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                .load();
    }

    public MigrateResult migrate() {
        MigrateResult result = flyway.migrate();
        log.info("database schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion == null ? flyway.info().current().getVersion() : result.targetSchemaVersion,
                result.migrationsExecuted);
        if (!timescaleInstalled()) {
            log.info("TimescaleDB is not installed: hypertables, chunk intervals and retention policies are skipped");
        }
        return result;
    }

    public MigrationInfo[] info() {
        return flyway.info().all();
    }

    public ValidateResult validate() {
        return flyway.validateWithResult();
    }

    /** Undoes the last applied migration with its undo script (see {@link MigrationRollback}). */
    public MigrationRollback.RolledBack rollback() {
        UndoScripts undo = new UndoScripts(locations, Migrations.class.getClassLoader());
        return new MigrationRollback(dataSource, undo, flyway.getConfiguration().getTable()).rollback(flyway.info().current());
    }

    /** Rolls the last migration back, then migrates again (re-runs a migration whose script was edited). */
    public MigrateResult reapply() {
        rollback();
        return migrate();
    }

    /**
     * Converts the tables to hypertables where TimescaleDB is available but V3 ran without it (see
     * {@link TimescaleConversion}); V3 must be applied, and its script is the one run.
     */
    public TimescaleConversion.Outcome timescale() {
        MigrationInfo v3 = Arrays.stream(flyway.info().all())
                .filter(m -> m.getScript() != null && m.getScript().endsWith(TimescaleConversion.SCRIPT)).findFirst()
                .orElseThrow(() -> new TimescaleConversion.ConversionException("no migration " + TimescaleConversion.SCRIPT
                        + " in " + String.join(", ", locations) + "; nothing was changed", null));
        if (!v3.getState().isApplied()) {
            throw new TimescaleConversion.ConversionException("migration V" + v3.getVersion() + " (" + v3.getDescription()
                    + ") is not applied yet: run `pulso db migrate`, which converts the tables itself; nothing was changed", null);
        }
        UndoScripts scripts = new UndoScripts(locations, Migrations.class.getClassLoader());
        String script = scripts.migration(v3.getScript()).orElseThrow(() -> new TimescaleConversion.ConversionException(
                "cannot read " + v3.getScript() + " from " + String.join(", ", locations) + "; nothing was changed", null));
        return new TimescaleConversion(dataSource, script).convert();
    }

    public boolean timescaleInstalled() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'")) {
            return rs.next();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read installed extensions: " + e.getMessage(), e);
        }
    }
}
