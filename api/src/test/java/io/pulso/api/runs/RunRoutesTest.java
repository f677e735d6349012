package io.pulso.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.api.testing.HoldingRefreshWorkflow;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunRoutesTest extends ApiRouteTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    /** Seven runs, one hour apart: run-1 oldest, run-7 newest; dashboard_data has runs 1, 3, 5, 7. */
    @BeforeEach
    void seed() {
        for (int i = 1; i <= 7; i++) {
            String table = i % 2 == 1 ? "dashboard_data" : "operation_data";
            RunStatus status = i == 3 || i == 6 ? RunStatus.FAILED : RunStatus.SUCCEEDED;
            fixture.log.finished("run-" + i, table, RefreshMode.INCREMENTAL, status, T0.plus(Duration.ofHours(i)),
                    Duration.ofSeconds(30 + i), new RowCounts(100 * i, 10, 20, 70 * i - 30, 1, 0),
                    status == RunStatus.FAILED ? "BigQuery said no" : null);
        }
    }

    @Test
    void listsNewestFirstWithDefaults() {
        ApiResponse response = api.get("/api/v1/etl/runs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(runIds(body)).containsExactly("run-7", "run-6", "run-5", "run-4", "run-3", "run-2", "run-1");
        assertThat(body.path("total").asLong()).isEqualTo(7);
        assertThat(body.path("limit").asInt()).isEqualTo(50);
        assertThat(body.path("offset").asInt()).isEqualTo(0);
        JsonNode newest = body.path("runs").get(0);
        assertThat(newest.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(newest.path("rows").path("extracted").asLong()).isEqualTo(700);
        assertThat(newest.path("durationMs").asLong()).isEqualTo(37_000);
    }

    @Test
    void filtersByTableAndStatus() {
        JsonNode byTable = api.get("/api/v1/etl/runs?table=dashboard_data").json();
        JsonNode failed = api.get("/api/v1/etl/runs?status=failed").json();
        JsonNode both = api.get("/api/v1/etl/runs?table=operation_data&status=failed").json();

        assertThat(runIds(byTable)).containsExactly("run-7", "run-5", "run-3", "run-1");
        assertThat(byTable.path("total").asLong()).isEqualTo(4);
        assertThat(byTable.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(runIds(failed)).containsExactly("run-6", "run-3");
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(runIds(both)).containsExactly("run-6");
        assertThat(both.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void pagesWithLimitAndOffset() {
        JsonNode page = api.get("/api/v1/etl/runs?limit=2&offset=2").json();
        JsonNode beyond = api.get("/api/v1/etl/runs?limit=500&offset=100").json();

        assertThat(runIds(page)).containsExactly("run-5", "run-4");
        assertThat(page.path("total").asLong()).isEqualTo(7);
        assertThat(page.path("limit").asInt()).isEqualTo(2);
        assertThat(page.path("offset").asInt()).isEqualTo(2);
        assertThat(beyond.path("runs")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(7);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            table=dashbord_data      | unknown_table_filter | unknown table filter 'dashbord_data'; known tables: dashboard_data
            status=done              | invalid_parameter    | 'status' must be one of running, succeeded, failed, cancelled, abandoned, held, got 'done'
            limit=0                  | invalid_parameter    | 'limit' must be between 1 and 500, got 0
            limit=501                | invalid_parameter    | 'limit' must be between 1 and 500, got 501
            limit=ten                | invalid_parameter    | query parameter 'limit' must be a whole number, got 'ten'
            offset=-1                | invalid_parameter    | 'offset' must be 0 or more, got -1
            page=2                   | unknown_parameter    | unknown query parameter 'page'; allowed: from, limit, offset, status, table, to, trigger
            """)
    void badFiltersAre400(String query, String code, String message) {
        ApiResponse response = api.get("/api/v1/etl/runs?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo(code);
        assertThat(response.json().path("message").asText()).contains(message);
    }

    @Test
    void aFinishedRunShowsEveryField() {
        ApiResponse response = api.get("/api/v1/etl/runs/run-3");

        assertThat(response.status()).isEqualTo(200);
        JsonNode run = response.json();
        assertThat(run.path("runId").asText()).isEqualTo("run-3");
        assertThat(run.path("workflowId").asText()).isEqualTo("etl-refresh-dashboard_data");
        assertThat(run.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(run.path("mode").asText()).isEqualTo("incremental");
        assertThat(run.path("trigger").asText()).isEqualTo("api");
        assertThat(run.path("status").asText()).isEqualTo("failed");
        assertThat(run.path("window").path("from").asText()).isEqualTo("2026-02-21");
        assertThat(run.path("window").path("to").asText()).isEqualTo("2026-02-28");
        assertThat(run.path("watermark").path("before").asText()).isEqualTo("2026-02-27");
        assertThat(run.path("watermark").path("after").isNull()).as("a failed run leaves no new watermark").isTrue();
        assertThat(run.path("rows").path("extracted").asLong()).isEqualTo(300);
        assertThat(run.path("rows").path("inserted").asLong()).isEqualTo(10);
        assertThat(run.path("rows").path("updated").asLong()).isEqualTo(20);
        assertThat(run.path("rows").path("unchanged").asLong()).isEqualTo(180);
        assertThat(run.path("rows").path("deleted").asLong()).isEqualTo(1);
        assertThat(run.path("pages").asInt()).isEqualTo(3);
        assertThat(run.path("attempts").asInt()).isEqualTo(1);
        assertThat(run.path("startedAt").asText()).isEqualTo("2026-02-01T03:00:00Z");
        assertThat(run.path("finishedAt").asText()).isEqualTo("2026-02-01T03:00:33Z");
        assertThat(run.path("durationMs").asLong()).isEqualTo(33_000);
        assertThat(run.path("error").asText()).isEqualTo("BigQuery said no");
        assertThat(run.path("notes").asText()).isEqualTo("test run");
        assertThat(run.has("retryOf")).isTrue();
        assertThat(run.path("retryOf").isNull()).isTrue();
        assertThat(run.has("progress")).as("only while running").isFalse();
        assertThat(run.has("temporalUiUrl")).as("no UI configured").isFalse();
    }

    @Test
    void aRunningRunCarriesLiveProgress() {
        String runId = api.post("/api/v1/etl/refresh/table/evolution_data").json().path("runId").asText();
        fixture.awaitReceived(runId);
        fixture.log.running(runId, "evolution_data", T0.plus(Duration.ofDays(1)));

        ApiResponse response = api.get("/api/v1/etl/runs/" + runId);

        assertThat(response.status()).isEqualTo(200);
        JsonNode run = response.json();
        assertThat(run.path("status").asText()).isEqualTo("running");
        assertThat(run.path("finishedAt").isNull()).isTrue();
        JsonNode progress = run.path("progress");
        assertThat(progress.path("phase").asText()).isEqualTo("loading");
        assertThat(progress.path("runId").asText()).isEqualTo(runId);
        assertThat(progress.path("pagesLoaded").asInt()).isEqualTo(2);
        assertThat(progress.path("counts").path("inserted").asLong())
                .isEqualTo(HoldingRefreshWorkflow.PROGRESS_COUNTS.inserted());
    }

    @Test
    void aStartedRunWithoutALogRowYetIsStarting() {
        String runId = api.post("/api/v1/etl/refresh/table/productivity_data").json().path("runId").asText();
        ApiClient withUi = fixture.serve(fixture.deps().temporalUi("http://ui:8080", null).build());

        ApiResponse response = withUi.get("/api/v1/etl/runs/" + runId);

        assertThat(response.status()).isEqualTo(200);
        JsonNode run = response.json();
        assertThat(run.path("runId").asText()).isEqualTo(runId);
        assertThat(run.path("table").asText()).isEqualTo("productivity_data");
        assertThat(run.path("status").asText()).isEqualTo("starting");
        assertThat(run.path("temporalUiUrl").asText())
                .isEqualTo("http://ui:8080/namespaces/default/workflows/etl-refresh-productivity_data/" + runId);
    }

    @Test
    void anUnknownRunIs404() {
        ApiResponse response = api.get("/api/v1/etl/runs/0b5e7c1e-0000-4000-8000-000000000000");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asText()).isEqualTo("run_not_found");
        assertThat(response.json().path("message").asText()).contains("0b5e7c1e-0000-4000-8000-000000000000");
    }

    @Test
    void implausibleRunIdsAre400() {
        ApiResponse badCharacters = api.get("/api/v1/etl/runs/run%3B%20drop");
        ApiResponse tooLong = api.get("/api/v1/etl/runs/" + "a".repeat(101));

        assertThat(badCharacters.status()).isEqualTo(400);
        assertThat(badCharacters.json().path("error").asText()).isEqualTo("invalid_run_id");
        assertThat(badCharacters.json().path("message").asText()).contains("'run; drop'");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("message").asText()).contains("got 101 characters");
    }

    @Test
    void filtersByTriggerAndByTheUtcDaysTheRunsStartedOn() {
        TestDatabase.execute(fixture.database, "UPDATE etl_execution_log SET trigger = 'retry' WHERE run_id IN ('run-4', 'run-5')");
        TestDatabase.execute(fixture.database, "UPDATE etl_execution_log SET started_at = '2026-01-30T10:00:00Z' WHERE run_id = 'run-1'");
        TestDatabase.execute(fixture.database, "UPDATE etl_execution_log SET started_at = '2026-01-31T23:59:59Z' WHERE run_id = 'run-2'");

        JsonNode retries = api.get("/api/v1/etl/runs?trigger=retry").json();
        JsonNode fromFeb = api.get("/api/v1/etl/runs?from=2026-02-01").json();
        JsonNode upToJan31 = api.get("/api/v1/etl/runs?to=2026-01-31").json();
        JsonNode oneDay = api.get("/api/v1/etl/runs?from=2026-01-31&to=2026-01-31&table=operation_data").json();

        assertThat(runIds(retries)).containsExactly("run-5", "run-4");
        assertThat(retries.path("total").asLong()).isEqualTo(2);
        assertThat(runIds(fromFeb)).containsExactly("run-7", "run-6", "run-5", "run-4", "run-3");
        assertThat(runIds(upToJan31)).as("'to' is inclusive").containsExactly("run-2", "run-1");
        assertThat(runIds(oneDay)).containsExactly("run-2");
        assertThat(oneDay.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aBadTriggerOrDateRangeIs400InWords() {
        ApiResponse trigger = api.get("/api/v1/etl/runs?trigger=cron");
        ApiResponse date = api.get("/api/v1/etl/runs?from=2026-02-30");
        ApiResponse backwards = api.get("/api/v1/etl/runs?from=2026-02-02&to=2026-02-01");

        assertThat(trigger.status()).isEqualTo(400);
        assertThat(trigger.json().path("message").asText()).isEqualTo("'trigger' must be one of api, schedule, retry, got 'cron'");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().path("error").asText()).isEqualTo("invalid_date");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("message").asText()).isEqualTo("'to' (2026-02-01) is before 'from' (2026-02-02)");
    }

    private static List<String> runIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("runs").forEach(run -> ids.add(run.path("runId").asText()));
        return ids;
    }
}
