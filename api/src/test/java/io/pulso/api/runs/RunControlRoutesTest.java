package io.pulso.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.runlog.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Retry, cancel, history and cleanup through HTTP, over the fixture's holding workflow. */
class RunControlRoutesTest extends ApiRouteTest {

    private static final Instant T0 = Instant.parse("2026-02-28T10:00:00Z");

    private void failed(String runId, RefreshMode mode) {
        fixture.log.finished(runId, "operation_data", mode, RunStatus.FAILED, T0, Duration.ofSeconds(5), RowCounts.ZERO,
                "warehouse accessDenied: no permission");
    }

    @Test
    void retryStartsTheSameModeAndWindowLinkedToTheFailedRun() {
        failed("failed-1", RefreshMode.BACKFILL);

        ApiResponse response = api.post("/api/v1/etl/runs/failed-1/retry");

        assertThat(response.status()).isEqualTo(202);
        String runId = response.json().path("runId").asText();
        assertThat(response.json().path("retryOf").asText()).isEqualTo("failed-1");
        assertThat(response.json().path("trigger").asText()).isEqualTo("retry");
        assertThat(response.json().path("workflowId").asText()).isEqualTo("etl-refresh-operation_data");
        assertThat(response.header("Location")).isEqualTo("/api/v1/etl/runs/" + runId);
        RefreshRequest received = fixture.awaitReceived(runId);
        assertThat(received.mode()).isEqualTo(RefreshMode.BACKFILL);
        assertThat(received.from()).isEqualTo(LocalDate.of(2026, 2, 21));
        assertThat(received.to()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(received.trigger()).isEqualTo(Trigger.RETRY);
        assertThat(received.retryOf()).isEqualTo("failed-1");
    }

    @Test
    void aHeldRunCanBeRetriedWithAnExplicitDeletionAllowanceAndElseKeepsTheGuard() {
        fixture.log.finished("held-1", "operation_data", RefreshMode.FULL_REFRESH, RunStatus.HELD, T0, Duration.ofSeconds(5),
                new RowCounts(1, 0, 0, 1, 0, 0, 99), "held: operation_data would lose 99 of the 100 rows");
        assertThat(api.get("/api/v1/etl/runs/held-1").json().path("rows").path("kept").asLong()).isEqualTo(99);

        ApiResponse allowed = api.postJson("/api/v1/etl/runs/held-1/retry", "{\"allowDeletion\": \"all\"}");
        assertThat(allowed.status()).isEqualTo(202);
        RefreshRequest received = fixture.awaitReceived(allowed.json().path("runId").asText());
        assertThat(received.mode()).isEqualTo(RefreshMode.FULL_REFRESH);
        assertThat(received.retryOf()).isEqualTo("held-1");
        assertThat(received.guardOverrides().maxDeletionShare()).isEqualTo(1.0);
        assertThat(received.guardOverrides().rewindWatermark()).isFalse();
    }

    @Test
    void aRetryBodyWithABadAllowanceIs400AndStartsNothing() {
        failed("failed-9", RefreshMode.INCREMENTAL);

        for (String body : new String[] {"{\"allowDeletion\": \"everything\"}", "{\"allowDeletion\": 1.5}",
                "{\"allowDeletion\": 0}", "{\"allowDeletion\": true}"}) {
            ApiResponse response = api.postJson("/api/v1/etl/runs/failed-9/retry", body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().path("error").asText()).isEqualTo("invalid_field");
            assertThat(response.json().path("message").asText()).contains("'allowDeletion' must be \"all\" or a share");
        }
        assertThat(fixture.starter.running("operation_data")).isEmpty();
    }

    @Test
    void retryOfASlidingWindowRepeatsItsLength() {
        // The row's window starts 2026-02-21; it began on 2026-02-28 (Lima): 7 days.
        failed("failed-2", RefreshMode.SLIDING_WINDOW);

        ApiResponse response = api.post("/api/v1/etl/runs/failed-2/retry");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("days").asInt()).isEqualTo(7);
        assertThat(fixture.awaitReceived(response.json().path("runId").asText()).days()).isEqualTo(7);
    }

    @Test
    void retryAnswers409WhileTheTableRefreshesAnd409ForASucceededRunAnd404ForAnUnknownOne() {
        failed("failed-3", RefreshMode.INCREMENTAL);
        fixture.log.finished("ok-1", "operation_data", RefreshMode.INCREMENTAL, RunStatus.SUCCEEDED, T0, Duration.ofSeconds(5),
                RowCounts.ZERO, null);
        StartedRun running = fixture.starter.start(RefreshRequest.incremental("operation_data", Trigger.API));

        ApiResponse busy = api.post("/api/v1/etl/runs/failed-3/retry");
        ApiResponse succeeded = api.post("/api/v1/etl/runs/ok-1/retry");
        ApiResponse unknown = api.post("/api/v1/etl/runs/nope/retry");

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().path("error").asText()).isEqualTo("already_running");
        assertThat(busy.json().path("runId").asText()).isEqualTo(running.runId());
        assertThat(succeeded.status()).isEqualTo(409);
        assertThat(succeeded.json().path("error").asText()).isEqualTo("run_not_retryable");
        assertThat(succeeded.json().path("runStatus").asText()).isEqualTo("succeeded");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("run_not_found");
    }

    @Test
    void cancelRequestsCancellationOfARunningRunThen409OnceItStopped() throws InterruptedException {
        StartedRun run = fixture.starter.start(RefreshRequest.incremental("evolution_data", Trigger.API));
        fixture.awaitReceived(run.runId());
        fixture.log.running(run.runId(), "evolution_data", T0);

        ApiResponse cancel = api.post("/api/v1/etl/runs/" + run.runId() + "/cancel");

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.json().path("status").asText()).isEqualTo("cancel_requested");
        assertThat(cancel.json().path("workflowId").asText()).isEqualTo("etl-refresh-evolution_data");
        assertThat(fixture.runs.cancelRequestedBefore(Instant.now().plusSeconds(1))).as("the request is recorded, so the "
                + "stale-run sweep can close a run that ignores it").contains(run.runId());
        awaitStopped("evolution_data");
        // The holding workflow writes no log row, so the log still says running: the server says otherwise.
        ApiResponse again = api.post("/api/v1/etl/runs/" + run.runId() + "/cancel");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isEqualTo("run_not_running");
        assertThat(again.json().path("message").asText()).contains("not running on the Temporal server");
        ApiResponse history = api.get("/api/v1/etl/runs/" + run.runId() + "/history");
        assertThat(history.json().path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void cancelOfAFinishedRunIs409AndOfAnUnknownOne404() {
        failed("failed-4", RefreshMode.INCREMENTAL);

        ApiResponse finished = api.post("/api/v1/etl/runs/failed-4/cancel");
        ApiResponse unknown = api.post("/api/v1/etl/runs/nope/cancel");

        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.json().path("error").asText()).isEqualTo("run_not_running");
        assertThat(finished.json().path("runStatus").asText()).isEqualTo("failed");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void historyOfARunningWorkflowShowsItsStartAnd404WhenUnknown() {
        StartedRun run = fixture.starter.start(RefreshRequest.incremental("dashboard_data", Trigger.API));
        fixture.awaitReceived(run.runId());

        ApiResponse history = api.get("/api/v1/etl/runs/" + run.runId() + "/history");
        failed("failed-5", RefreshMode.INCREMENTAL);
        ApiResponse forgotten = api.get("/api/v1/etl/runs/failed-5/history");
        ApiResponse unknown = api.get("/api/v1/etl/runs/nope/history");

        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().path("workflowType").asText()).isEqualTo("RefreshTable");
        assertThat(history.json().path("status").asText()).isEqualTo("running");
        assertThat(history.json().path("table").asText()).isEqualTo("dashboard_data");
        assertThat(history.json().path("startedAt").asText()).isNotEmpty();
        assertThat(history.json().path("events").asInt()).isGreaterThan(0);
        assertThat(forgotten.status()).isEqualTo(404);
        assertThat(forgotten.json().path("error").asText()).isEqualTo("history_not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("run_not_found");
    }

    @Test
    void cleanupClosesRunsWhoseWorkflowIsGoneAsAbandonedAndLeavesLiveOnes() {
        fixture.log.running("ghost-1", "productivity_data", T0);
        fixture.log.watermark("productivity_data", "ghost-1", RunStatus.RUNNING, null, T0, null, null);
        StartedRun live = fixture.starter.start(RefreshRequest.incremental("operation_data", Trigger.API));
        fixture.awaitReceived(live.runId());
        fixture.log.running(live.runId(), "operation_data", T0);

        ApiResponse cleanup = api.post("/api/v1/etl/cleanup");
        ApiResponse again = api.post("/api/v1/etl/cleanup");

        assertThat(cleanup.status()).isEqualTo(200);
        assertThat(cleanup.json().path("abandonedCount").asInt()).isEqualTo(1);
        assertThat(cleanup.json().path("abandoned").get(0).path("runId").asText()).isEqualTo("ghost-1");
        assertThat(cleanup.json().path("abandoned").get(0).path("reason").asText()).contains("has no workflow");
        RunRecord ghost = fixture.runs.find("ghost-1").orElseThrow();
        assertThat(ghost.status()).isEqualTo(RunStatus.ABANDONED);
        assertThat(ghost.errorMessage()).contains("abandoned");
        assertThat(ghost.finishedAt()).isNotNull();
        assertThat(fixture.watermarks.find("productivity_data").orElseThrow().lastStatus()).isEqualTo(RunStatus.ABANDONED);
        assertThat(fixture.runs.find(live.runId()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(again.json().path("abandonedCount").asInt()).isZero();
        assertThat(api.get("/api/v1/etl/runs/ghost-1").json().path("status").asText()).isEqualTo("abandoned");
    }

    private static void awaitStopped(String table) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fixture.starter.running(table).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(table + " still running");
            }
            Thread.sleep(20);
        }
    }
}
