package io.pulso.api.runs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulso.api.ApiPaths;
import io.pulso.api.TemporalUiLinks;
import io.pulso.api.http.ApiException;
import io.pulso.api.http.JsonBody;
import io.pulso.api.refresh.AlreadyRunningView;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.AlreadyRunningException;
import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RetryRequests;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runs.RunTimeline;
import io.pulso.core.runs.WorkflowRuns;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Acting on one run.
 * <ul>
 *   <li>{@code POST /runs/{runId}/retry}: 202 a new run of the same table, mode and window, linked by {@code retryOf};
 *       404 unknown run; 409 {@code run_not_retryable} when the run is running or succeeded (failed, cancelled and
 *       abandoned and held runs can be retried); 409 {@code already_running} when the table is refreshing.</li>
 *   <li>{@code POST /runs/{runId}/cancel}: 202 cancel requested (the run stops after the page in progress commits);
 *       404 unknown run; 409 {@code run_not_running}.</li>
 *   <li>{@code GET /runs/{runId}/history}: 200 the run's Temporal history as a timeline; 404 when neither the log nor
 *       the server knows the run.</li>
 * </ul>
 */
public final class RunControlRoutes {

    /** Sliding windows are counted in Lima days, as the worker does. */
    private static final ZoneId BUSINESS_ZONE = ZoneId.of("America/Lima");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<RunStatus> RETRYABLE = EnumSet.of(RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.ABANDONED,
            RunStatus.HELD);

    private final TableCatalog catalog;
    private final ExecutionLogRepository runs;
    private final RefreshStarter starter;
    private final WorkflowRuns workflows;
    private final TemporalUiLinks links;

    public RunControlRoutes(TableCatalog catalog, ExecutionLogRepository runs, RefreshStarter starter, WorkflowRuns workflows,
                            TemporalUiLinks links) {
        this.catalog = catalog;
        this.runs = runs;
        this.starter = starter;
        this.workflows = workflows;
        this.links = links;
    }

    public void register(RoutesConfig routes) {
        routes.post(ApiPaths.BASE + "/runs/{runId}/retry", this::retry);
        routes.post(ApiPaths.BASE + "/runs/{runId}/cancel", this::cancel);
        routes.get(ApiPaths.BASE + "/runs/{runId}/history", this::history);
    }

    private void retry(Context ctx) {
        RunRecord run = logged(runId(ctx)).orElseThrow(() -> unknown(ctx.pathParam("runId")));
        if (!RETRYABLE.contains(run.status())) {
            throw new ApiException(409, "run_not_retryable", "run " + run.runId() + " is " + run.status().wireName()
                    + "; only failed, cancelled, abandoned or held runs can be retried").with("runStatus", run.status().wireName());
        }
        RetryBody body = JsonBody.readOptional(ctx, RetryBody.class);
        GuardOverrides given = body == null ? null : body.overrides();
        RefreshRequest request = RetryRequests.of(run, BUSINESS_ZONE).withOverrides(given != null ? given : run.overrides());
        StartedRun started;
        try {
            started = starter.start(request);
        } catch (AlreadyRunningException e) {
            AlreadyRunningView conflict = AlreadyRunningView.of(e, links);
            ctx.header("Location", conflict.statusUrl()).status(409).json(conflict);
            return;
        }
        ctx.header("Location", ApiPaths.run(started.runId())).status(202).json(new RetryStartedView(started.table(),
                started.workflowId(), started.runId(), started.mode(), started.trigger(), run.runId(), request.days(),
                request.from(), request.to(), ApiPaths.run(started.runId()), links.run(started.workflowId(), started.runId())));
    }

    private void cancel(Context ctx) {
        String runId = runId(ctx);
        Optional<RunRecord> run = logged(runId);
        String table;
        if (run.isPresent()) {
            if (run.get().status() != RunStatus.RUNNING) {
                throw notRunning(runId, run.get().status().wireName());
            }
            table = run.get().table();
        } else {
            table = runningTable(runId).orElseThrow(() -> unknown(runId));
        }
        String workflowId = WorkflowIds.refresh(table);
        Optional<WorkflowExecutionStatus> status = workflows.status(workflowId, runId);
        if (status.filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isEmpty()) {
            throw notRunning(runId, "not running on the Temporal server (POST " + ApiPaths.BASE + "/cleanup closes it)");
        }
        workflows.cancel(workflowId, runId);
        // The stale-run sweep closes a run that does not stop within its grace after this (StaleRunCleaner).
        runs.recordCancelRequested(runId, Instant.now());
        ctx.status(202).json(new CancelRequestedView(runId, table, workflowId, "cancel_requested",
                "the run stops after the page in progress commits; it then shows status cancelled", ApiPaths.run(runId),
                links.run(workflowId, runId)));
    }

    private void history(Context ctx) {
        String runId = runId(ctx);
        Optional<RunRecord> run = logged(runId);
        String table = run.map(RunRecord::table).or(() -> runningTable(runId)).orElseThrow(() -> unknown(runId));
        String workflowId = run.map(RunRecord::workflowId).orElse(WorkflowIds.refresh(table));
        RunTimeline timeline = workflows.timeline(workflowId, runId).orElseThrow(() -> ApiException.notFound("history_not_found",
                "the Temporal server has no history for run " + runId + " (the embedded server forgets runs when it restarts)"));
        ctx.json(RunHistoryView.of(table, timeline, links.run(workflowId, runId)));
    }

    private Optional<RunRecord> logged(String runId) {
        return runs.find(runId);
    }

    private Optional<String> runningTable(String runId) {
        return catalog.names().stream().filter(t -> starter.running(t).filter(runId::equals).isPresent()).findFirst();
    }

    private static String runId(Context ctx) {
        String runId = ctx.pathParam("runId");
        if (!RUN_ID.matcher(runId).matches()) {
            throw ApiException.badRequest("invalid_run_id", "run id must be 1 to 100 characters of letters, digits, '-' or '_'");
        }
        return runId;
    }

    private static ApiException unknown(String runId) {
        return ApiException.notFound("run_not_found", "no run with id '" + runId + "' in the execution log or running now");
    }

    private static ApiException notRunning(String runId, String state) {
        return new ApiException(409, "run_not_running", "run " + runId + " cannot be cancelled: it is " + state)
                .with("runStatus", state.split(" ")[0]);
    }
}
