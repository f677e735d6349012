package io.pulso.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationRollbackTest {

    private static final List<String> DASHBOARD = List.of("assignment_data", "dashboard_data", "evolution_data",
            "operation_data", "productivity_data");
    private static final List<String> CONTROL = List.of("etl_execution_log", "etl_page_ledger", "etl_watermarks");

    @Test
    void everyMigrationRollsBackInTurnToEmptyAndMigratesAgain() throws SQLException {
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("undo"))) {
            Migrations migrations = new Migrations(db);
            assertThat(migrations.migrate().migrationsExecuted).isEqualTo(7);
            assertThat(appliedVersions(migrations)).containsExactly("1", "2", "3", "4", "5", "6", "7");
            TestDatabase.execute(db, "INSERT INTO etl_watermarks (table_name, last_status) VALUES ('dashboard_data', 'held')");

            assertThat(migrations.rollback().undoScript()).isEqualTo("U7__alert_incidents.sql");
            assertThat(tables(db)).doesNotContain("etl_alert_incidents", "etl_alert_deliveries", "etl_alert_test_requests", "etl_alert_outbox").containsAll(CONTROL);

            assertThat(migrations.rollback().undoScript()).isEqualTo("U6__deletion_guard.sql");
            assertThat(count(db, "SELECT count(*) FROM etl_watermarks WHERE last_status = 'failed'"))
                    .as("a held run reads as failed before V6").isEqualTo(1);
            assertThat(migrations.rollback().undoScript()).isEqualTo("U5__run_page_keys.sql");
            assertThat(tables(db)).doesNotContain("etl_run_page_keys").contains("etl_run_keys").containsAll(CONTROL);

            assertThat(migrations.rollback().undoScript()).isEqualTo("U4__schedule_firings.sql");
            assertThat(tables(db)).doesNotContain("etl_schedule_firings").containsAll(CONTROL);

            assertThat(migrations.rollback().version()).isEqualTo("3");
            assertThat(appliedVersions(migrations)).containsExactly("1", "2");
            assertThat(tables(db)).containsAll(DASHBOARD).containsAll(CONTROL);
            assertThat(count(db, "SELECT count(*) FROM etl_watermarks")).as("V3 undo keeps the rows").isEqualTo(1);

            MigrationRollback.RolledBack second = migrations.rollback();
            assertThat(second.version()).isEqualTo("2");
            assertThat(second.undoScript()).isEqualTo("U2__etl_control_tables.sql");
            assertThat(tables(db)).containsAll(DASHBOARD).doesNotContainAnyElementsOf(CONTROL);

            assertThat(migrations.rollback().version()).isEqualTo("1");
            assertThat(appliedVersions(migrations)).isEmpty();
            assertThat(tables(db)).doesNotContainAnyElementsOf(DASHBOARD);

            assertThatThrownBy(migrations::rollback).isInstanceOf(MigrationUndoException.class)
                    .hasMessage("nothing to roll back: no migration is applied");

            assertThat(migrations.migrate().migrationsExecuted).isEqualTo(7);
            assertThat(tables(db)).containsAll(DASHBOARD).containsAll(CONTROL).contains("etl_schedule_firings", "etl_run_page_keys")
                    .doesNotContain("etl_run_keys");
            assertThat(migrations.validate().validationSuccessful).isTrue();
        }
    }

    @Test
    void theKeysOfARunInProgressSurviveTheMoveToPageArraysAndBack() throws SQLException {
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("runkeys"))) {
            Migrations migrations = new Migrations(db);
            migrations.migrate();
            migrations.rollback();
            migrations.rollback();
            migrations.rollback();
            TestDatabase.execute(db, "INSERT INTO etl_run_keys (run_id, key_text) VALUES ('run-a', '(2026-01-01,A)'), "
                    + "('run-a', '(2026-01-02,B)'), ('run-b', '(2026-01-01,C)')");

            assertThat(migrations.migrate().migrationsExecuted).isEqualTo(3);
            assertThat(count(db, "SELECT count(*) FROM etl_run_page_keys WHERE run_id = 'run-a' AND page_index = -1 "
                    + "AND keys = ARRAY['(2026-01-01,A)', '(2026-01-02,B)']")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM etl_run_page_keys")).isEqualTo(2);

            TestDatabase.execute(db, "INSERT INTO etl_run_page_keys (run_id, page_index, keys) "
                    + "VALUES ('run-a', 0, ARRAY['(2026-01-03,D)', '(2026-01-01,A)'])");
            migrations.rollback();
            migrations.rollback();
            migrations.rollback();
            assertThat(count(db, "SELECT count(*) FROM etl_run_keys WHERE run_id = 'run-a'")).isEqualTo(3);
            assertThat(count(db, "SELECT count(*) FROM etl_run_keys")).isEqualTo(4);
        }
    }

    @Test
    void reapplyRunsTheLastMigrationAgain() throws SQLException {
        try (HikariDataSource db = TestDatabase.migrated("reapply")) {
            Migrations migrations = new Migrations(db);
            TestDatabase.execute(db, "UPDATE flyway_schema_history SET installed_on = now() - interval '1 day' WHERE version = '7'");

            assertThat(migrations.reapply().migrationsExecuted).isEqualTo(1);

            assertThat(appliedVersions(migrations)).containsExactly("1", "2", "3", "4", "5", "6", "7");
            assertThat(count(db, "SELECT count(*) FROM flyway_schema_history WHERE version = '7' "
                    + "AND installed_on > now() - interval '1 hour'")).as("V7 recorded anew").isEqualTo(1);
        }
    }

    @Test
    void undoScriptsAreNotMigrationsForFlyway() {
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("undonames"))) {
            Migrations migrations = new Migrations(db, "filesystem:../migrations");
            migrations.migrate();

            assertThat(Arrays.stream(migrations.info()).map(MigrationInfo::getScript))
                    .containsExactly("V1__dashboard_tables.sql", "V2__etl_control_tables.sql", "V3__timescaledb.sql",
                            "V4__schedule_firings.sql", "V5__run_page_keys.sql", "V6__deletion_guard.sql",
                            "V7__alert_incidents.sql");
            assertThat(migrations.rollback().undoScript()).as("read from the filesystem location")
                    .isEqualTo("U7__alert_incidents.sql");
        }
    }

    @Test
    void aMigrationWithoutUndoScriptIsRefusedAndNothingChanges(@TempDir Path folder) throws IOException, SQLException {
        Files.writeString(folder.resolve("V1__one.sql"), "CREATE TABLE one (id int);");
        Files.writeString(folder.resolve("V2__two.sql"), "CREATE TABLE two (id int);");
        Files.createDirectories(folder.resolve("undo"));
        Files.writeString(folder.resolve("undo/U1__one.sql"), "DROP TABLE one;");
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("noundo"))) {
            Migrations migrations = new Migrations(db, "filesystem:" + folder);
            migrations.migrate();

            assertThatThrownBy(migrations::rollback).isInstanceOf(MigrationUndoException.class)
                    .hasMessageContaining("migration V2 (two) has no undo script; looked for filesystem:" + folder
                            + "/undo/U2__two.sql; nothing was changed");
            assertThat(appliedVersions(migrations)).containsExactly("1", "2");
            assertThat(tables(db)).contains("one", "two");
        }
    }

    @Test
    void aFailingUndoScriptLeavesSchemaAndHistoryAsTheyWere(@TempDir Path folder) throws IOException, SQLException {
        Files.writeString(folder.resolve("V1__one.sql"), "CREATE TABLE one (id int);");
        Files.createDirectories(folder.resolve("undo"));
        Files.writeString(folder.resolve("undo/U1__one.sql"), "DROP TABLE one; DROP TABLE no_such_table;");
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("badundo"))) {
            Migrations migrations = new Migrations(db, "filesystem:" + folder);
            migrations.migrate();

            assertThatThrownBy(migrations::rollback).isInstanceOf(MigrationUndoException.class)
                    .hasMessageContaining("undo of V1 failed and was rolled back").hasMessageContaining("no_such_table");
            assertThat(tables(db)).contains("one");
            assertThat(appliedVersions(migrations)).containsExactly("1");
        }
    }

    private static List<String> appliedVersions(Migrations migrations) {
        return Arrays.stream(migrations.info()).filter(m -> m.getState().isApplied() && m.getVersion() != null)
                .map(m -> m.getVersion().getVersion()).toList();
    }

    private static List<String> tables(DataSource db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
