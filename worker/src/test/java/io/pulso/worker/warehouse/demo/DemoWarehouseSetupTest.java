package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoWarehouseSetupTest {

    private static DatabaseConfig admin() {
        return new DatabaseConfig("jdbc:postgresql://localhost:" + TestDatabase.server().getPort() + "/postgres",
                "postgres", "postgres");
    }

    @Test
    void createsFillsAndThenKeepsTheWarehouse() {
        String name = "pulso_warehouse_setup_" + ProcessHandle.current().pid();
        Map<String, String> first;
        try (HikariDataSource ds = DemoWarehouseSetup.ensure(admin(), name, 42L, DemoScale.small(), DemoTestData.END_DATE)) {
            assertThat(DemoTestData.rows(ds, DemoSourceSchema.ASIGNACIONES)).isEqualTo(1_500);
            assertThat(DemoTestData.rows(ds, DemoSourceSchema.DASHBOARD_COBRANZAS)).isPositive();
            assertThat(DemoTestData.rows(ds, DemoSourceSchema.MANIFEST)).isZero();
            first = DemoTestData.checksums(ds);
        }
        // A restart with another seed keeps the data it finds.
        try (HikariDataSource ds = DemoWarehouseSetup.ensure(admin(), name, 43L, DemoScale.small(), DemoTestData.END_DATE)) {
            assertThat(DemoTestData.checksums(ds)).isEqualTo(first);
        }
    }

    @Test
    void theWarehouseUrlIsTheAdminUrlWithTheDatabaseSwapped() {
        DatabaseConfig admin = new DatabaseConfig("jdbc:postgresql://db.example:5433/postgres?sslmode=require", "u", "p");

        DatabaseConfig warehouse = DemoWarehouseSetup.warehouseConfig(admin, "pulso_warehouse");

        assertThat(warehouse.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/pulso_warehouse?sslmode=require");
        assertThat(warehouse.user()).isEqualTo("u");
        assertThat(warehouse.password()).isEqualTo("p");
        assertThat(DemoWarehouseSetup.warehouseConfig(new DatabaseConfig("jdbc:postgresql://h", null, null), "w").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/w");
        assertThatThrownBy(() -> DemoWarehouseSetup.warehouseConfig(admin, "bad-name; drop"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case SQL identifier");
    }
}
