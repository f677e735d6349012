package io.pulso.worker.refresh;

import io.pulso.core.refresh.RefreshProgress;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RowCounts;
import io.pulso.worker.WorkerSettings;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Orchestrates one refresh: begin, extract, load pages batch by batch, finish; on failure, record it and fail.
 * No I/O here: every effect is an activity, so a crash of any worker resumes at the first uncommitted page.
 * History stays small whatever the table size: one LoadPages activity covers up to 50 pages.
 */
public class RefreshTableWorkflowImpl implements RefreshTableWorkflow {

    /** Retries with backoff; the schedule-to-close bound keeps the total time of one step per run bounded. */
    static RetryOptions retry(Duration maxInterval) {
        return RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(maxInterval)
                .build();
    }

    private final RefreshActivities bookkeeping = Workflow.newActivityStub(RefreshActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(WorkerSettings.BOOKKEEPING_START_TO_CLOSE)
                    .setScheduleToCloseTimeout(Duration.ofMinutes(10))
                    .setRetryOptions(retry(Duration.ofSeconds(30)))
                    .build());

    private final RefreshActivities extraction = Workflow.newActivityStub(RefreshActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    // A warehouse waiting on a long job heartbeats; one that stops answering is retried elsewhere.
                    // Heartbeat timeouts here are the defaults; a worker's WorkerSettings override them per activity type.
                    .setHeartbeatTimeout(WorkerSettings.DEFAULT_EXTRACT_HEARTBEAT_TIMEOUT)
                    .setScheduleToCloseTimeout(Duration.ofHours(2))
                    .setRetryOptions(retry(Duration.ofMinutes(1)))
                    .build());

    private final RefreshActivities loading = Workflow.newActivityStub(RefreshActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(10))
                    .setHeartbeatTimeout(WorkerSettings.DEFAULT_LOAD_HEARTBEAT_TIMEOUT)
                    .setScheduleToCloseTimeout(Duration.ofHours(2))
                    .setRetryOptions(retry(Duration.ofMinutes(1)))
                    // A cancel reaches the activity through its next heartbeat (one per page); the workflow waits
                    // until the page in progress has committed and the activity has stopped.
                    .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                    .build());

    /**
     * Change ids of the {@link Workflow#getVersion} guards: a run begun by an older worker replays, and goes on, with
     * the behaviour it began with (the histories under src/test/resources/histories prove it).
     */
    static final String FAIL_DETACHED = "fail-in-detached-scope";
    static final String RUN_DEADLINE = "run-deadline";

    private String runId;
    private String table;
    private String phase = "starting";
    private int pages;
    private long totalRows = -1;
    private RowCounts counts = RowCounts.ZERO;
    /** FailRun runs in a detached scope, so a failure after a cancel request still closes the log row. */
    private boolean failDetached;
    /** Null for a run begun before run deadlines. */
    private RunDeadline deadline;
    private boolean deadlineReached;
    /** Set once the run has begun closing its log row (finish, fail or cancel): it must be let to end. */
    private boolean closing;
    private RunPlan plan;
    private ExtractionHandle handle;

    @Override
    public RefreshResult refresh(RefreshRequest request) {
        runId = Workflow.getInfo().getRunId();
        table = request.table();
        failDetached = Workflow.getVersion(FAIL_DETACHED, Workflow.DEFAULT_VERSION, 1) >= 1;
        if (Workflow.getVersion(RUN_DEADLINE, Workflow.DEFAULT_VERSION, 1) < 1) {
            return run(request);
        }
        // The server's execution timeout would end the run without a word to the log: meet a deadline before it.
        deadline = RunDeadline.of(Workflow.getInfo().getWorkflowExecutionTimeout());
        RefreshResult[] result = new RefreshResult[1];
        CancellationScope work = Workflow.newCancellationScope(() -> {
            result[0] = run(request);
        });
        Promise<Void> done = Async.procedure(work::run);
        long left = Workflow.getInfo().getRunStartedTimestampMillis() + deadline.after().toMillis() - Workflow.currentTimeMillis();
        // A cancel of the whole run cancels the timer too: that failure is expected, not reported.
        Workflow.newTimer(Duration.ofMillis(Math.max(left, 1000))).handle((fired, timerCancelled) -> {
            if (timerCancelled == null) {
                deadlineReached = true;
                work.cancel(deadline.message());
            }
            return null;
        });
        // Detached: a cancel of the run must not stop this wait while the work records the cancellation.
        boolean[] gaveUp = new boolean[1];
        Workflow.newDetachedCancellationScope(() -> {
            Workflow.await(() -> done.isCompleted() || deadlineReached);
            if (!done.isCompleted()) {
                // An activity that cannot hear the cancel (a read hung without heartbeats) should be cut by its
                // heartbeat timeout; a server that does not report that in time must not keep the run past its timeout.
                boolean settled = Workflow.await(deadline.settle(), done::isCompleted);
                gaveUp[0] = !settled && !closing;
                if (!settled && closing) {
                    Workflow.await(done::isCompleted);
                }
            }
        }).run();
        if (gaveUp[0]) {
            throw failed(request, Workflow.getInfo().getWorkflowId(), plan, handle, deadline.message());
        }
        done.get();
        return result[0];
    }

    private RefreshResult run(RefreshRequest request) {
        String workflowId = Workflow.getInfo().getWorkflowId();
        try {
            plan = bookkeeping.begin(request, runId, workflowId);
            phase = "extracting";
            handle = extraction.extract(plan);
            totalRows = handle.totalRows();
            phase = "loading";
            PageCursor cursor = PageCursor.first();
            while (true) {
                LoadBatch batch = loading.loadPages(plan, handle, cursor);
                pages += batch.pages();
                counts = counts.plus(batch.counts());
                cursor = batch.next();
                if (batch.done()) {
                    break;
                }
                // A batch can end normally just as a cancel arrives: stop before the next one.
                CancellationScope.throwCanceled();
            }
            CancellationScope.throwCanceled();
            phase = "finishing";
            closing = true;
            // Every page is in: a cancel from here on is too late, and must not cut the finish in half.
            RunPlan begun = plan;
            ExtractionHandle result0 = handle;
            RefreshResult[] finished = new RefreshResult[1];
            Workflow.newDetachedCancellationScope(() -> finished[0] = bookkeeping.finish(begun, result0, counts, pages)).run();
            RefreshResult result = finished[0];
            phase = "done";
            return result;
        } catch (CanceledFailure canceled) {
            if (deadlineReached) {
                throw failed(request, workflowId, plan, handle, deadline.message());
            }
            throw cancelled(request, workflowId, plan, handle, canceled);
        } catch (ActivityFailure failure) {
            // Past the deadline the activity was cut off by it, whether it acknowledged the cancel or timed out.
            if (deadlineReached) {
                throw failed(request, workflowId, plan, handle, deadline.message());
            }
            if (failure.getCause() instanceof CanceledFailure canceled) {
                throw cancelled(request, workflowId, plan, handle, canceled);
            }
            throw failed(request, workflowId, plan, handle, describe(failure));
        }
    }

    /**
     * Records the failure (log row and watermark status; the watermark itself stays) and returns the failure to throw,
     * so the workflow closes as failed. Detached (unless the run began before that): after a cancel request the
     * workflow's own scope is cancelled and would refuse to schedule FailRun, leaving the row {@code running}.
     */
    private ApplicationFailure failed(RefreshRequest request, String workflowId, RunPlan plan, ExtractionHandle handle,
                                      String message) {
        phase = "failing";
        closing = true;
        Runnable fail = () -> bookkeeping.fail(request, runId, workflowId, plan, handle, message, counts, pages);
        if (failDetached) {
            Workflow.newDetachedCancellationScope(fail).run();
        } else {
            fail.run();
        }
        phase = "done";
        return ApplicationFailure.newNonRetryableFailure(message, "RefreshFailed");
    }

    /**
     * Records the cancellation (log row and watermark status; the watermark itself stays) in a detached scope, since
     * the workflow's own scope is cancelled and would refuse to schedule the activity. Returns the failure to
     * rethrow, so the workflow closes as cancelled.
     */
    private CanceledFailure cancelled(RefreshRequest request, String workflowId, RunPlan plan, ExtractionHandle handle,
                                      CanceledFailure canceled) {
        phase = "cancelling";
        closing = true;
        // The activity adds how many pages the ledger holds ("… after N committed page(s)").
        String message = "cancelled on request";
        Workflow.newDetachedCancellationScope(() -> bookkeeping.cancel(request, runId, workflowId, plan, handle, message,
                counts, pages)).run();
        phase = "cancelled";
        return canceled;
    }

    @Override
    public RefreshProgress progress() {
        return new RefreshProgress(runId, table, phase, pages, totalRows, counts);
    }

    /** The activity's own failure message, which says what went wrong (not "activity task failed"). */
    static String describe(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app) {
            return app.getOriginalMessage();
        }
        String what = cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage()
                : cause == null ? failure.getMessage() : cause.getMessage();
        // Timeouts and cancellations: name the step, since the message alone does not.
        return failure.getActivityType() + ": " + what;
    }
}
