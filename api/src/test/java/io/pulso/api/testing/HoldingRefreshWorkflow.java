package io.pulso.api.testing;

import io.pulso.core.refresh.RefreshProgress;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.temporal.workflow.Workflow;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the real refresh (tested in the worker module): it records the request it was started with
 * and stays running until signalled, so a second start of the same table is deterministically a conflict.
 */
public class HoldingRefreshWorkflow implements HoldableRefreshWorkflow {

    /** Requests received, by Temporal run id. Static because workflow instances are created by the worker. */
    public static final Map<String, RefreshRequest> RECEIVED = new ConcurrentHashMap<>();

    /** What the progress query answers, so tests can recognise it. */
    public static final RowCounts PROGRESS_COUNTS = new RowCounts(1500, 1000, 200, 300, 0, 0);

    private boolean released;
    private RefreshRequest request;

    @Override
    public RefreshResult refresh(RefreshRequest request) {
        this.request = request;
        RECEIVED.put(Workflow.getInfo().getRunId(), request);
        Workflow.await(() -> released);
        return new RefreshResult(Workflow.getInfo().getRunId(), request.table(), RunStatus.SUCCEEDED, request.mode(),
                null, null, null, null, RowCounts.ZERO, 0, 0, null, null);
    }

    @Override
    public RefreshProgress progress() {
        return new RefreshProgress(Workflow.getInfo().getRunId(), request == null ? null : request.table(), "loading", 2,
                5000, PROGRESS_COUNTS);
    }

    @Override
    public void release() {
        released = true;
    }
}
