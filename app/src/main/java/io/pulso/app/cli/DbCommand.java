package io.pulso.app.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.app.PulsoCli;
import io.pulso.core.db.Database;
import io.pulso.core.db.MigrationRollback;
import io.pulso.core.db.MigrationUndoException;
import io.pulso.core.db.Migrations;
import io.pulso.core.db.TimescaleConversion;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `pulso db migrate|info|validate|rollback|reapply|timescale`: Flyway against DATABASE_URL (or POSTGRES_*). */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database migrations (Flyway) against DATABASE_URL.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class, DbCommand.Validate.class, DbCommand.Rollback.class,
                DbCommand.Reapply.class, DbCommand.Timescale.class})
public final class DbCommand implements Runnable {

    @Option(names = "--locations", description = "Flyway locations (default: the migrations packaged in the jar; "
            + "filesystem:migrations reads the folder).", defaultValue = Migrations.CLASSPATH_LOCATION)
    String locations;

    @ParentCommand
    PulsoCli root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private <T> T withMigrations(java.util.function.Function<Migrations, T> action) {
        DatabaseConfig config = DatabaseConfig.fromEnv(root.env());
        try (HikariDataSource pool = Database.pool(config, "pulso-db", 2)) {
            return action.apply(new Migrations(pool, locations.split(",")));
        }
    }

    @Command(name = "migrate", description = "Apply pending migrations.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            MigrateResult result = db.withMigrations(Migrations::migrate);
            db.out().println("applied " + result.migrationsExecuted + " migration(s); schema version "
                    + (result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion));
            return 0;
        }
    }

    @Command(name = "info", description = "List migrations and their state.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            MigrationInfo[] all = db.withMigrations(Migrations::info);
            db.out().printf("%-8s %-40s %-10s %s%n", "version", "description", "state", "installed on");
            for (MigrationInfo m : all) {
                db.out().printf("%-8s %-40s %-10s %s%n", m.getVersion(), m.getDescription(), m.getState().getDisplayName(),
                        m.getInstalledOn() == null ? "" : m.getInstalledOn());
            }
            return 0;
        }
    }

    @Command(name = "validate", description = "Check applied migrations against the scripts.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            ValidateResult result = db.withMigrations(Migrations::validate);
            if (result.validationSuccessful) {
                db.out().println("migrations valid");
                return 0;
            }
            result.invalidMigrations.forEach(m -> db.out().println(m.version + " " + m.description + ": " + m.errorDetails.errorMessage));
            db.out().println(result.getAllErrorMessages());
            return 1;
        }
    }

    @Command(name = "rollback", description = "Undo the last applied migration with its undo script (migrations/undo/U<n>__*.sql).")
    static final class Rollback implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            return db.undoing(() -> {
                MigrationRollback.RolledBack undone = db.withMigrations(Migrations::rollback);
                db.out().println("rolled back V" + undone.version() + " (" + undone.description() + ") with " + undone.undoScript());
            });
        }
    }

    @Command(name = "reapply", description = "Roll back the last applied migration, then migrate again.")
    static final class Reapply implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            return db.undoing(() -> {
                MigrateResult result = db.withMigrations(Migrations::reapply);
                db.out().println("re-applied; schema version " + result.targetSchemaVersion);
            });
        }
    }

    /** Exit code of `db timescale` when the server has no TimescaleDB (nothing to do here, as opposed to a failure). */
    static final int TIMESCALE_MISSING = 3;

    @Command(name = "timescale", description = "Convert the tables to TimescaleDB hypertables with their rows (chunk "
            + "intervals and retention as in V3) where the extension came after the migrations; idempotent. Exit code 3 "
            + "when the server has no TimescaleDB.")
    static final class Timescale implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            try {
                TimescaleConversion.Outcome outcome = db.withMigrations(Migrations::timescale);
                db.out().println("TimescaleDB " + outcome.version() + ": "
                        + (outcome.converted().isEmpty() ? "no table converted"
                                : "converted " + String.join(", ", outcome.converted()) + " to hypertables")
                        + (outcome.alreadyHypertables().isEmpty() ? ""
                                : "; already hypertables: " + String.join(", ", outcome.alreadyHypertables()))
                        + "; retention policies in place");
                return 0;
            } catch (TimescaleConversion.ExtensionMissingException e) {
                db.spec.commandLine().getErr().println("pulso db timescale: " + e.getMessage());
                return TIMESCALE_MISSING;
            } catch (TimescaleConversion.ConversionException e) {
                db.spec.commandLine().getErr().println("pulso db timescale: " + e.getMessage());
                return 1;
            }
        }
    }

    /** A refused or failed undo is one clear line on stderr and exit code 1; the database is unchanged. */
    private int undoing(Runnable action) {
        try {
            action.run();
            return 0;
        } catch (MigrationUndoException e) {
            spec.commandLine().getErr().println("pulso db: " + e.getMessage());
            return 1;
        }
    }
}
