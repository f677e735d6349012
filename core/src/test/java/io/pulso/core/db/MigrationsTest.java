package io.pulso.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void applyOnPlainPostgresqlSkippingTimescaleFeaturesAndAreValid() throws SQLException {
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("migrations"))) {
            Migrations migrations = new Migrations(db);
            MigrateResult result = migrations.migrate();

            assertThat(result.migrationsExecuted).isEqualTo(7);
            assertThat(migrations.timescaleInstalled()).isFalse();
            assertThat(migrations.validate().validationSuccessful).isTrue();
            assertThat(migrations.info()).allMatch(m -> m.getState() == MigrationState.SUCCESS);
            assertThat(new Migrations(db).migrate().migrationsExecuted).as("idempotent").isZero();
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' "
                            + "AND table_name IN ('dashboard_data','evolution_data','assignment_data','operation_data',"
                            + "'productivity_data','etl_watermarks','etl_execution_log','etl_page_ledger','etl_run_page_keys',"
                            + "'etl_schedule_firings')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(10);
            }
        }
    }

    @Test
    void checksFromTheReferenceHold() {
        try (HikariDataSource db = TestDatabase.migrated("checks")) {
            assertThatThrownBy(() -> TestDatabase.execute(db,
                    "INSERT INTO operation_data (fecha_foto, hora, canal) VALUES ('2026-01-01', 24, 'BOT')"))
                    .rootCause().hasMessageContaining("operation_data_hora_check");
            assertThatThrownBy(() -> TestDatabase.execute(db,
                    "INSERT INTO dashboard_data (fecha_foto, archivo, cartera, servicio, cuentas) VALUES ('2026-01-01', 'a', 'c', 's', -1)"))
                    .rootCause().hasMessageContaining("dashboard_data_cuentas_check");
            assertThatThrownBy(() -> TestDatabase.execute(db,
                    "INSERT INTO assignment_data (periodo, archivo, cartera) VALUES ('2026-13', 'a', 'c')"))
                    .rootCause().hasMessageContaining("assignment_data_periodo_check");
        }
    }
}
