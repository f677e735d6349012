package io.pulso.core.runs;

import io.pulso.core.db.Database;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.PageLedger;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes as {@code abandoned} the runs the execution log shows as running whose workflow no longer runs on the
 * Temporal server: the server lost them (the embedded one keeps nothing across restarts) or they closed without
 * writing their row (the run timeout). Their watermark stays; their collected keys are dropped. The closed row carries
 * the page ledger's sums: a run killed mid-refresh committed pages its workflow never reported. A run still running
 * {@link #CANCEL_GRACE} after a cancel request is terminated and closed as {@code cancelled} the same way.
 */
public final class StaleRunCleaner {

    private static final Logger log = LoggerFactory.getLogger(StaleRunCleaner.class);
    private static final int MAX_RUNS = 500;
    /** How long a run asked to cancel may take to stop: a page in flight commits within seconds, a finish within 2 min. */
    public static final Duration CANCEL_GRACE = Duration.ofMinutes(3);

    private final DataSource dataSource;
    private final ExecutionLogRepository runs;
    private final WatermarkRepository watermarks;
    private final WorkflowRuns workflows;
    private final Clock clock;

    public StaleRunCleaner(DataSource dataSource, WorkflowRuns workflows, Clock clock) {
        this.dataSource = dataSource;
        this.runs = new ExecutionLogRepository(dataSource);
        this.watermarks = new WatermarkRepository(dataSource);
        this.workflows = workflows;
        this.clock = clock;
    }

    public List<AbandonedRun> closeStale() {
        List<AbandonedRun> closed = new ArrayList<>();
        Set<String> ignoredCancels = runs.cancelRequestedBefore(clock.instant().minus(CANCEL_GRACE));
        for (RunRecord run : runs.list(null, RunStatus.RUNNING, MAX_RUNS, 0)) {
            Optional<WorkflowExecutionStatus> status = workflows.status(run.workflowId(), run.runId());
            if (status.filter(s -> s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING).isPresent()) {
                if (ignoredCancels.contains(run.runId())) {
                    closeIgnoredCancel(run).ifPresent(closed::add);
                }
                continue;
            }
            String reason = status.isEmpty()
                    ? "abandoned: the Temporal server has no workflow " + run.workflowId() + " run " + run.runId()
                            + " (it lost its state, e.g. the embedded server restarted)"
                    : "abandoned: workflow " + run.workflowId() + " run " + run.runId() + " is closed ("
                            + status.get().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase()
                            + ") but never closed its log row";
            Optional<String> message = abandon(run, reason);
            if (message.isPresent()) {
                log.warn("run {} of {} {}", run.runId(), run.table(), message.get());
                closed.add(new AbandonedRun(run.runId(), run.workflowId(), run.table(), message.get()));
            }
        }
        return closed;
    }

    /**
     * A run asked to cancel that still runs after {@link #CANCEL_GRACE} (seen on the embedded test server, which can
     * drop the workflow task that answers a cancel racing an activity's completion, and then never retries it): the
     * workflow is terminated and the run closed as cancelled with the ledger's counts. A page still in flight is fenced
     * out by the closed log row, so nothing lands after the close.
     */
    private Optional<AbandonedRun> closeIgnoredCancel(RunRecord run) {
        String reason = "cancelled on request: the workflow had not stopped " + CANCEL_GRACE.toSeconds()
                + " s after the request, so it was terminated";
        workflows.terminate(run.workflowId(), run.runId(), reason);
        Optional<String> message = close(run, RunStatus.CANCELLED, reason);
        message.ifPresent(m -> log.warn("run {} of {} {}", run.runId(), run.table(), m));
        return message.map(m -> new AbandonedRun(run.runId(), run.workflowId(), run.table(), m));
    }

    /** The message the run was closed with, or empty when it was no longer running. */
    private Optional<String> abandon(RunRecord run, String reason) {
        return close(run, RunStatus.ABANDONED, reason);
    }

    private Optional<String> close(RunRecord run, RunStatus status, String reason) {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                watermarks.find(c, run.table(), true);
                PageLedger.Totals committed = PageLedger.committed(c, run.runId());
                String message = reason + "; " + committed.pages() + " committed page(s) counted from the page ledger";
                boolean closed = runs.close(c, run.runId(), status, run.watermarkBefore(), committed.counts(),
                        committed.pages(), now, message, null);
                if (closed) {
                    watermarks.recordFinish(c, run.table(), run.runId(), status, null, committed.counts(), now, message);
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM etl_run_page_keys WHERE run_id = ?")) {
                        ps.setString(1, run.runId());
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return closed ? Optional.of(message) : Optional.empty();
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new io.pulso.core.db.DatabaseUnavailableException("cannot close stale run " + run.runId() + ": " + e.getMessage(), e);
        }
    }
}
