package io.pulso.worker.refresh;

import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RowCounts;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The steps of one refresh. Each is safe to retry: a repeated call finds its own earlier work and reuses it. */
@ActivityInterface
public interface RefreshActivities {

    /** Reads the watermark, fixes the window, writes the run's log row (running). */
    @ActivityMethod(name = "BeginRun")
    RunPlan begin(RefreshRequest request, String runId, String workflowId);

    /** Runs the extraction for the window; its result is kept for paging. */
    @ActivityMethod(name = "Extract")
    ExtractionHandle extract(RunPlan plan);

    /** Loads pages from {@code cursor} on, one transaction each, for a bounded time; heartbeats per page. */
    @ActivityMethod(name = "LoadPages")
    LoadBatch loadPages(RunPlan plan, ExtractionHandle handle, PageCursor cursor);

    /** Deletes vanished rows, advances the watermark and closes the log row, in one transaction. */
    @ActivityMethod(name = "FinishRun")
    RefreshResult finish(RunPlan plan, ExtractionHandle handle, RowCounts counts, int pages);

    /** Closes the log row as failed (or cancelled) with the error; the watermark does not move. */
    @ActivityMethod(name = "FailRun")
    RefreshResult fail(RefreshRequest request, String runId, String workflowId, RunPlan plan, ExtractionHandle handle,
                       String error, RowCounts counts, int pages);

    /** Closes the log row as cancelled; the watermark does not move, the run's keys and extraction result are released. */
    @ActivityMethod(name = "CancelRun")
    RefreshResult cancel(RefreshRequest request, String runId, String workflowId, RunPlan plan, ExtractionHandle handle,
                         String reason, RowCounts counts, int pages);
}
