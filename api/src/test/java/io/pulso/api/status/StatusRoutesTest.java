package io.pulso.api.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.api.testing.ApiTestFixture;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRoutesTest extends ApiRouteTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aTableOfAMillionRowsOrMoreShowsPostgresqlsEstimateInsteadOfCounting() {
        try {
            // What ANALYZE would record for a big table; counting it on every console poll would be too dear.
            TestDatabase.execute(fixture.database, "UPDATE pg_class SET reltuples = 2500000 WHERE oid = 'operation_data'::regclass");

            JsonNode status = api.get("/api/v1/etl/status/table/operation_data").json();

            assertThat(status.path("rowsInTable").asLong()).isEqualTo(2_500_000);
            assertThat(status.path("rowsInTableExact").asBoolean()).isFalse();
        } finally {
            TestDatabase.execute(fixture.database, "ANALYZE operation_data");
        }
    }

    @Test
    void aTablesStatusCountsTheRowsItsDestinationTableHolds() {
        try {
            TestDatabase.execute(fixture.database, "INSERT INTO operation_data (fecha_foto, hora, canal) "
                    + "SELECT DATE '2026-02-01', h, 'VOZ' FROM generate_series(0, 2) h");

            JsonNode loaded = api.get("/api/v1/etl/status/table/operation_data").json();
            JsonNode empty = api.get("/api/v1/etl/status/table/productivity_data").json();

            assertThat(loaded.path("rowsInTable").asLong()).isEqualTo(3);
            assertThat(loaded.path("rowsInTableExact").asBoolean()).isTrue();
            assertThat(empty.path("rowsInTable").isNumber()).isTrue();
            assertThat(empty.path("rowsInTable").asLong()).isZero();
        } finally {
            TestDatabase.execute(fixture.database, "DELETE FROM operation_data");
        }
    }

    @Test
    void withNoRunsEveryTableIsNeverRunAndHealthy() {
        ApiResponse response = api.get("/api/v1/etl/status");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("status").asText()).isEqualTo("healthy");
        assertThat(body.path("counts").path("total").asInt()).isEqualTo(5);
        assertThat(body.path("counts").path("neverRun").asInt()).isEqualTo(5);
        assertThat(body.path("recentActivity")).isEmpty();
        assertThat(body.path("tables")).hasSize(5)
                .allSatisfy(t -> assertThat(t.path("status").asText()).isEqualTo("never_run"));
        assertThat(body.path("generatedAt").asText()).isEqualTo(ApiTestFixture.NOW.toString());
    }

    @Test
    void aTableWhoseLastRunFailedMakesTheServiceDegraded() {
        fixture.log.watermark("dashboard_data", "r-dash", RunStatus.SUCCEEDED, LocalDate.of(2026, 2, 28), T0,
                T0.plusSeconds(60), null);
        fixture.log.watermark("evolution_data", "r-evo", RunStatus.FAILED, null, T0, T0.plusSeconds(5), "boom");
        fixture.log.watermark("operation_data", "r-op", RunStatus.RUNNING, null, T0, null, null);
        fixture.log.watermark("productivity_data", "r-prod", RunStatus.CANCELLED, null, T0, T0.plusSeconds(1), null);

        JsonNode body = api.get("/api/v1/etl/status").json();

        assertThat(body.path("status").asText()).isEqualTo("degraded");
        JsonNode counts = body.path("counts");
        assertThat(counts.path("successful").asInt()).isEqualTo(1);
        assertThat(counts.path("failed").asInt()).isEqualTo(1);
        assertThat(counts.path("running").asInt()).isEqualTo(1);
        assertThat(counts.path("cancelled").asInt()).isEqualTo(1);
        assertThat(counts.path("neverRun").asInt()).isEqualTo(1);
        JsonNode dashboard = body.path("tables").get(0);
        assertThat(dashboard.path("table").asText()).isEqualTo("dashboard_data");
        assertThat(dashboard.path("status").asText()).isEqualTo("succeeded");
        assertThat(dashboard.path("watermark").asText()).isEqualTo("2026-02-28");
        assertThat(dashboard.path("nextScheduledAt").asText()).isEqualTo("2026-03-01T06:01:00Z");
    }

    @Test
    void recentActivityIsTheLastTenRunsNewestFirst() {
        for (int i = 1; i <= 12; i++) {
            fixture.log.finished("run-" + i, "operation_data", RefreshMode.INCREMENTAL, RunStatus.SUCCEEDED,
                    T0.plus(Duration.ofMinutes(i)), Duration.ofSeconds(i), new RowCounts(i, i, 0, 0, 0, 0), null);
        }

        JsonNode activity = api.get("/api/v1/etl/status").json().path("recentActivity");

        List<String> ids = new ArrayList<>();
        activity.forEach(run -> ids.add(run.path("runId").asText()));
        assertThat(ids).containsExactly("run-12", "run-11", "run-10", "run-9", "run-8", "run-7", "run-6", "run-5",
                "run-4", "run-3");
        JsonNode newest = activity.get(0);
        assertThat(newest.path("table").asText()).isEqualTo("operation_data");
        assertThat(newest.path("status").asText()).isEqualTo("succeeded");
        assertThat(newest.path("startedAt").asText()).isEqualTo("2026-03-01T00:12:00Z");
        assertThat(newest.path("finishedAt").asText()).isEqualTo("2026-03-01T00:12:12Z");
        assertThat(newest.path("durationMs").asLong()).isEqualTo(12_000);
        assertThat(newest.path("rows").path("extracted").asLong()).isEqualTo(12);
        assertThat(newest.path("rows").path("inserted").asLong()).isEqualTo(12);
        assertThat(newest.path("rows").has("unchanged")).isTrue();
        assertThat(newest.path("rows").has("deleted")).isTrue();
    }

    @Test
    void aTableStatusShowsWatermarkLastRunAndNextSchedule() {
        Instant started = Instant.parse("2026-03-01T02:00:00Z");
        fixture.log.finished("r-ok", "operation_data", RefreshMode.SLIDING_WINDOW, RunStatus.SUCCEEDED, started,
                Duration.ofSeconds(90), new RowCounts(50, 20, 10, 20, 0, 0), null);
        fixture.log.watermark("operation_data", "r-ok", RunStatus.SUCCEEDED, LocalDate.of(2026, 2, 28), started,
                started.plusSeconds(90), null);

        ApiResponse response = api.get("/api/v1/etl/status/table/operation_data");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("table").asText()).isEqualTo("operation_data");
        assertThat(body.path("watermark").asText()).isEqualTo("2026-02-28");
        assertThat(body.path("lastStatus").asText()).isEqualTo("succeeded");
        assertThat(body.path("lastSuccessAt").asText()).isEqualTo("2026-03-01T02:01:30Z");
        // operation_data refreshes every 2 h; the fixture's clock says 12:00, so it is overdue.
        assertThat(body.path("nextScheduledAt").asText()).isEqualTo("2026-03-01T04:01:30Z");
        assertThat(body.path("overdue").asBoolean()).isTrue();
        assertThat(body.path("refreshInterval").asText()).isEqualTo("PT2H");
        assertThat(body.path("error").isNull()).isTrue();
        JsonNode lastRun = body.path("lastRun");
        assertThat(lastRun.path("runId").asText()).isEqualTo("r-ok");
        assertThat(lastRun.path("mode").asText()).isEqualTo("sliding_window");
        assertThat(lastRun.path("rows").path("extracted").asLong()).isEqualTo(50);
        assertThat(lastRun.path("durationMs").asLong()).isEqualTo(90_000);
        assertThat(body.path("running").isNull()).isTrue();
        assertThat(body.path("warnings")).isEmpty();
    }

    @Test
    void aFailedTableShowsItsErrorAndKeepsTheLastSuccess() {
        Instant ok = Instant.parse("2026-03-01T08:00:00Z");
        fixture.log.watermark("dashboard_data", "r-ok", RunStatus.SUCCEEDED, LocalDate.of(2026, 2, 28), ok,
                ok.plusSeconds(10), null);
        fixture.log.watermark("dashboard_data", "r-bad", RunStatus.FAILED, null, ok.plusSeconds(3600),
                ok.plusSeconds(3700), "permission denied on BI_USA");

        JsonNode body = api.get("/api/v1/etl/status/table/dashboard_data").json();

        assertThat(body.path("lastStatus").asText()).isEqualTo("failed");
        assertThat(body.path("lastRunId").asText()).isEqualTo("r-bad");
        assertThat(body.path("error").asText()).isEqualTo("permission denied on BI_USA");
        assertThat(body.path("watermark").asText()).isEqualTo("2026-02-28");
        assertThat(body.path("lastSuccessAt").asText()).isEqualTo("2026-03-01T08:00:10Z");
        assertThat(body.path("nextScheduledAt").asText()).isEqualTo("2026-03-01T14:00:10Z");
        assertThat(body.path("overdue").asBoolean()).isFalse();
    }

    @Test
    void aRunningRefreshShowsItsLiveProgress() {
        String runId = api.post("/api/v1/etl/refresh/table/evolution_data?force=true").json().path("runId").asText();
        fixture.awaitReceived(runId);

        JsonNode body = api.get("/api/v1/etl/status/table/evolution_data").json();

        JsonNode running = body.path("running");
        assertThat(running.path("runId").asText()).isEqualTo(runId);
        assertThat(running.path("workflowId").asText()).isEqualTo("etl-refresh-evolution_data");
        assertThat(running.path("statusUrl").asText()).isEqualTo("/api/v1/etl/runs/" + runId);
        assertThat(running.path("progress").path("phase").asText()).isEqualTo("loading");
        assertThat(running.path("progress").path("totalRows").asLong()).isEqualTo(5000);
    }

    @Test
    void aTableThatNeverRanHasNoScheduleYet() {
        JsonNode body = api.get("/api/v1/etl/status/table/assignment_data").json();

        assertThat(body.path("group").isNull()).isTrue();
        assertThat(body.path("watermark").isNull()).isTrue();
        assertThat(body.path("lastRun").isNull()).isTrue();
        assertThat(body.path("lastSuccessAt").isNull()).isTrue();
        assertThat(body.path("nextScheduledAt").isNull()).isTrue();
        assertThat(body.path("overdue").asBoolean()).isFalse();
        assertThat(body.path("refreshInterval").asText()).isEqualTo("PT24H");
    }

    @Test
    void anUnknownTableIs404() {
        ApiResponse response = api.get("/api/v1/etl/status/table/dashboard");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("error").asText()).isEqualTo("unknown_table");
        assertThat(response.json().path("message").asText()).contains("'dashboard' is not configured");
    }
}
