package io.pulso.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.app.demo.DemoRunner;
import io.pulso.app.demo.TableSummary;
import io.pulso.app.runtime.WarehouseSelection;
import io.pulso.core.config.Env;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery;
import io.pulso.worker.warehouse.bigquery.SourceResults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stack as {@code pulso dev --warehouse bigquery} runs it: its worker reads BigQuery (here the local
 * REST fake named by BIGQUERY_EMULATOR_HOST), not the demo warehouse, which is then not even created.
 */
class EmbeddedBigQueryTest {

    @TempDir
    Path folder;

    @Test
    void aRefreshThroughTheApiReadsBigQueryAndLoadsItsRows() throws Exception {
        try (FakeBigQuery fake = new FakeBigQuery()) {
            EmbeddedStack.Options options = new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                    LocalDate.of(2026, 11, 20), null, false).withSource(WarehouseSelection.bigQuery(new Env(Map.of(
                    "BIGQUERY_PROJECT_ID", "mibot-222814", "BIGQUERY_EMULATOR_HOST", fake.url()))));
            try (EmbeddedStack stack = EmbeddedStack.start(options)) {
                fake.result("dashboard_data", SourceResults.of(stack.destination().schemas().get("dashboard_data"), 7));

                List<TableSummary> runs = new DemoRunner(stack.apiUrl(), Duration.ofMinutes(2)).refreshAll(List.of("dashboard_data"));

                assertThat(stack.source().name()).isEqualTo("bigquery");
                assertThat(runs).singleElement().satisfies(run -> {
                    assertThat(run.status()).as(run.error()).isEqualTo("succeeded");
                    assertThat(run.extracted()).isEqualTo(7);
                    assertThat(run.inserted()).isEqualTo(7);
                    assertThat(run.watermark()).isEqualTo(SourceResults.maxDate(7).toString());
                });
                assertThat(count(stack, "SELECT count(*) FROM dashboard_data")).isEqualTo(7);
                assertThat(fake.jobIds()).anyMatch(id -> id.startsWith("pulso_dashboard_data_extract_"));
                assertThat(count(stack, "SELECT count(*) FROM pg_database WHERE datname = '" + EmbeddedStack.WAREHOUSE_DB + "'"))
                        .as("no demo warehouse").isZero();
            }
        }
    }

    private static long count(EmbeddedStack stack, String sql) throws Exception {
        try (Connection c = stack.destination().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
