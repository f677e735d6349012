package io.pulso.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.json.Json;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `pulso dev` sets up at start: the catalog's schedules on the fallback backend, and stale runs closed. */
class EmbeddedOperationsTest {

    @TempDir
    Path folder;

    private EmbeddedStack start(boolean schedules) {
        return EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, schedules));
    }

    @Test
    void devCreatesEveryTablesScheduleOnTheCronWorkflowBackendAndARestartClosesRunsTheServerForgot() throws Exception {
        try (EmbeddedStack stack = start(true)) {
            JsonNode schedules = get(stack, "/api/v1/etl/schedules");
            assertThat(schedules.path("backend").asText()).isEqualTo("cron-workflow");
            List<String> tables = new ArrayList<>();
            schedules.path("schedules").forEach(s -> tables.add(s.path("table").asText()));
            assertThat(tables).containsExactlyInAnyOrderElementsOf(TableCatalog.pulso().names());
            JsonNode operation = get(stack, "/api/v1/etl/schedules/operation_data");
            assertThat(operation.path("interval").asText()).isEqualTo("PT2H");
            assertThat(operation.path("scheduleId").asText()).isEqualTo("etl-cron-operation_data");
            assertThat(operation.path("nextFireAt").asText()).isNotEmpty();
            // A run the log shows as running, whose workflow lives only in this server's memory.
            TestDatabase.execute(stack.destination().dataSource(), "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, "
                    + "mode, trigger, status, started_at) VALUES ('lost-run', 'etl-refresh-dashboard_data', 'dashboard_data', "
                    + "'incremental', 'api', 'running', now())");
        }
        try (EmbeddedStack restarted = start(false)) {
            JsonNode run = get(restarted, "/api/v1/etl/runs/lost-run");
            assertThat(run.path("status").asText()).isEqualTo("abandoned");
            assertThat(run.path("error").asText()).contains("has no workflow etl-refresh-dashboard_data");
            JsonNode schedules = get(restarted, "/api/v1/etl/schedules");
            assertThat(schedules.path("schedules")).as("SCHEDULES=off, and the embedded server forgot the old ones").isEmpty();
        }
    }

    private static JsonNode get(EmbeddedStack stack, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }
}
