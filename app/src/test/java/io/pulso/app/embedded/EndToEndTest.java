package io.pulso.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.app.demo.DemoRunner;
import io.pulso.app.demo.TableSummary;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.demo.DemoSourceAggregates;
import io.pulso.worker.warehouse.demo.DemoSourceSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as `pulso dev` runs it (embedded PostgreSQL, port-bound Temporal test server, demo warehouse,
 * worker, real HTTP API on a random port), driven through the API, checked against aggregates the test computes
 * itself from the raw source rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    private static final List<String> TABLES = TableCatalog.pulso().names();
    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static HikariDataSource warehouse;
    private static DemoRunner api;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, false));
        warehouse = TestDatabase.pool(new DatabaseConfig(stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB), "postgres", null));
        api = new DemoRunner(stack.apiUrl(), Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        if (warehouse != null) {
            warehouse.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static Map<String, TableSummary> refresh(List<String> tables) throws Exception {
        return api.refreshAll(tables).stream().collect(Collectors.toMap(TableSummary::table, Function.identity()));
    }

    private static void assertDestinationMatchesSource() {
        DemoSourceAggregates source = DemoSourceAggregates.load(warehouse);
        for (String table : TABLES) {
            source.expected(table, ExtractionWindow.unbounded()).destinationView()
                    .diffAgainst(stack.destination().dataSource()).assertMatches();
        }
    }

    @Test
    @Order(1)
    void firstRefreshLoadsEveryTableExactlyAsTheSourceDefinesIt() throws Exception {
        Map<String, TableSummary> runs = refresh(TABLES);

        assertThat(runs.values()).allSatisfy(run -> {
            assertThat(run.status()).as(run.table() + ": " + run.error()).isEqualTo("succeeded");
            assertThat(run.extracted()).as(run.table()).isPositive();
            assertThat(run.inserted()).as(run.table()).isEqualTo(run.extracted());
            assertThat(run.watermark()).as(run.table()).isNotNull();
        });
        assertThat(runs.get("dashboard_data").watermark()).isEqualTo("2026-11-20");
        assertDestinationMatchesSource();
    }

    @Test
    @Order(2)
    void aSecondIncrementalRunFindsEveryRowOfItsWindowUnchanged() throws Exception {
        Map<String, TableSummary> runs = refresh(TABLES);

        assertThat(runs.values()).allSatisfy(run -> {
            assertThat(run.status()).as(run.table()).isEqualTo("succeeded");
            assertThat(run.extracted()).as(run.table()).isPositive();
            assertThat(run.unchanged()).as(run.table()).isEqualTo(run.extracted());
            assertThat(run.inserted() + run.updated() + run.deleted()).as(run.table()).isZero();
        });
        // dashboard_data looks back 7 days from the watermark.
        assertThat(runs.get("dashboard_data").windowFrom()).isEqualTo("2026-11-13");
    }

    @Test
    @Order(3)
    void aSourceChangeInsideTheWindowIsUpdatedAndAVanishedRowIsDeleted() throws Exception {
        String view = DemoSourceSchema.DASHBOARD_COBRANZAS;
        TestDatabase.execute(warehouse, "UPDATE " + view + " SET recupero = recupero + 1000 WHERE (fecha_foto, archivo) = "
                + "(SELECT fecha_foto, archivo FROM " + view + " WHERE fecha_foto = DATE '2026-11-19' ORDER BY archivo LIMIT 1)");
        TestDatabase.execute(warehouse, "DELETE FROM " + view + " WHERE (fecha_foto, archivo) = "
                + "(SELECT fecha_foto, archivo FROM " + view + " WHERE fecha_foto = DATE '2026-11-18' ORDER BY archivo LIMIT 1)");

        // Both tables project the same view: each sees one row changed and one gone.
        Map<String, TableSummary> runs = refresh(List.of("dashboard_data", "evolution_data"));

        assertThat(runs.values()).allSatisfy(run -> {
            assertThat(run.status()).as(run.table()).isEqualTo("succeeded");
            assertThat(run.updated()).as(run.table()).isEqualTo(1);
            assertThat(run.deleted()).as(run.table()).isEqualTo(1);
            assertThat(run.inserted()).as(run.table()).isZero();
            assertThat(run.unchanged()).as(run.table()).isEqualTo(run.extracted() - 1);
        });
        assertDestinationMatchesSource();
    }
}
