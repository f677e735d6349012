package io.pulso.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CatalogSchemaVerifierTest {

    private static HikariDataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("catalog");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theCatalogMatchesTheMigratedSchema() {
        Map<String, TableSchema> schemas = new CatalogSchemaVerifier(db).verify(TableCatalog.pulso());

        assertThat(schemas).containsOnlyKeys("dashboard_data", "evolution_data", "assignment_data", "operation_data",
                "productivity_data");
        TableSchema operation = schemas.get("operation_data");
        assertThat(operation.dataColumnNames()).startsWith("fecha_foto", "hora", "canal", "archivo")
                .contains("fecha_procesamiento").doesNotContain("created_at", "updated_at");
        assertThat(operation.valueColumns()).extracting(TableColumn::name).doesNotContain("hora", "canal");
        assertThat(schemas.get("dashboard_data").dataColumns()).hasSize(24);
    }

    @Test
    void aKeyThatIsNotThePrimaryKeyStopsStartupWithEveryProblemListed() {
        TableCatalog drifted = new TableCatalog(List.of(
                new TableDefinition("dashboard_data", Optional.empty(), List.of("fecha_foto", "archivo"), "fecha_foto",
                        Optional.of("fecha_foto"), 7, 100, Duration.ofHours(6), false, 1),
                new TableDefinition("no_such_table", Optional.empty(), List.of("id"), "fecha", Optional.empty(), 1, 100,
                        Duration.ofHours(1), false, 1)));

        assertThatThrownBy(() -> new CatalogSchemaVerifier(db).verify(drifted))
                .isInstanceOf(CatalogMismatchException.class)
                .hasMessageContaining("dashboard_data: catalog key [fecha_foto, archivo] is not the table's primary key "
                        + "[fecha_foto, archivo, cartera, servicio]")
                .hasMessageContaining("no_such_table: table does not exist");
    }

    @Test
    void unknownTablesAreReportedWithTheKnownOnes() {
        assertThatThrownBy(() -> TableCatalog.pulso().require("users; drop table x"))
                .isInstanceOf(UnknownTableException.class)
                .hasMessageContaining("known tables: dashboard_data, evolution_data, assignment_data, operation_data, productivity_data");
        assertThat(TableCatalog.pulso().group(TableCatalog.DASHBOARD_GROUP)).extracting(TableDefinition::name)
                .containsExactly("dashboard_data", "evolution_data");
    }
}
