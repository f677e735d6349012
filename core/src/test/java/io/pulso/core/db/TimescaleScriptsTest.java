package io.pulso.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V3, U3 and `db timescale` against the TimescaleDB stand-in (catalog footprint of create_hypertable and the retention
 * policies; see src/test/resources/timescaledb-standin/README.md): the paths that do nothing on plain PostgreSQL.
 */
class TimescaleScriptsTest {

    @TempDir
    static Path binaries;
    private static TimescaleStandIn server;

    @BeforeAll
    static void start() throws IOException {
        server = TimescaleStandIn.start(binaries);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void withdraw() throws IOException {
        server.makeUnavailable();
    }

    @Test
    void u3GivesBackV2sExactSchemaAndRowsAfterV3MadeHypertables() throws SQLException, IOException {
        server.makeAvailable();
        try (HikariDataSource db = server.createDatabase("undo_ts")) {
            TestDatabase.execute(db, "CREATE EXTENSION timescaledb"); // as the TimescaleDB image does in its database
            List<SchemaSnapshot> schemaAt = EveryMigrationRollsBackTest.migrateOneByOne(db);
            SchemaSnapshot afterV3 = schemaAt.get(3);
            assertThat(afterV3.lines()).as("create_hypertable's own index").contains(
                    "index etl_execution_log_started_at_idx CREATE INDEX etl_execution_log_started_at_idx ON public.etl_execution_log "
                            + "USING btree (started_at DESC)");
            assertThat(hypertables(db)).containsExactlyInAnyOrder("dashboard_data", "evolution_data", "operation_data",
                    "productivity_data", "etl_execution_log");
            TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                    + "started_at) VALUES ('r1', 'w1', 'dashboard_data', 'incremental', 'api', 'succeeded', now())");
            TestDatabase.execute(db, "INSERT INTO dashboard_data (fecha_foto, archivo, cartera, servicio) VALUES "
                    + "('2026-01-01', 'a', 'c', 's'), ('2026-01-02', 'a', 'c', 's')");

            List<String> checked = new ArrayList<>();
            EveryMigrationRollsBackTest.rollBackOneByOne(db, schemaAt, undone -> {
                if (undone.version().equals("3")) {
                    assertThat(count(db, "SELECT count(*) FROM etl_execution_log")).isEqualTo(1);
                    assertThat(count(db, "SELECT count(*) FROM dashboard_data")).isEqualTo(2);
                    assertThat(count(db, "SELECT count(*) FROM timescaledb_information.hypertables")).isZero();
                    assertThat(count(db, "SELECT count(*) FROM _timescaledb_standin.retention")).isZero();
                    checked.add(undone.version());
                }
            });
            assertThat(checked).as("U3 ran against hypertables").containsExactly("3");
        }
    }

    @Test
    void dbTimescaleConvertsADatabaseMigratedBeforeTheExtensionCameAndIsIdempotent() throws SQLException {
        try (HikariDataSource db = server.createDatabase("late_ts")) {
            Migrations migrations = new Migrations(db);
            migrations.migrate();
            assertThat(migrations.timescaleInstalled()).as("V3 skipped its hypertables").isFalse();
            TestDatabase.execute(db, "INSERT INTO operation_data (fecha_foto, hora, canal) VALUES ('2026-01-01', 1, 'BOT')");
            server.makeAvailable();

            TimescaleConversion.Outcome first = migrations.timescale();
            assertThat(first.version()).isEqualTo("standin");
            assertThat(first.converted()).containsExactly("dashboard_data", "evolution_data", "operation_data",
                    "productivity_data", "etl_execution_log");
            assertThat(first.alreadyHypertables()).isEmpty();
            assertThat(count(db, "SELECT count(*) FROM operation_data")).as("rows kept").isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM _timescaledb_standin.retention r JOIN pg_class c ON c.oid = r.relid "
                    + "WHERE (c.relname, r.drop_after) IN (('dashboard_data', '2 years'), ('evolution_data', '2 years'), "
                    + "('operation_data', '1 year'), ('productivity_data', '2 years'), ('etl_execution_log', '6 months'))"))
                    .as("V3's retention per table").isEqualTo(5);
            assertThat(count(db, "SELECT count(*) FROM _timescaledb_standin.hypertable h JOIN pg_class c ON c.oid = h.relid "
                    + "WHERE (c.relname, h.chunk_interval) IN (('dashboard_data', '7 days'), ('evolution_data', '7 days'), "
                    + "('operation_data', '1 day'), ('productivity_data', '7 days'), ('etl_execution_log', '1 month'))"))
                    .as("V3's chunk interval per table").isEqualTo(5);

            TimescaleConversion.Outcome second = migrations.timescale();
            assertThat(second.converted()).isEmpty();
            assertThat(second.alreadyHypertables()).hasSize(5);
            assertThat(migrations.validate().validationSuccessful).isTrue();
        }
    }

    private static List<String> hypertables(DataSource db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT hypertable_name FROM timescaledb_information.hypertables")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long count(DataSource db, String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
