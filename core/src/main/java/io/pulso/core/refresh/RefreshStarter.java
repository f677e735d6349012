package io.pulso.core.refresh;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts refresh workflows and looks at running ones. The only way runs are started, so the per-table workflow
 * id ({@link WorkflowIds}) holds for the API, schedules and retries alike.
 */
public final class RefreshStarter {

    /**
     * Upper bound of one run, whatever its retries; a run past it is failed by the server. The workflow ends itself
     * as failed a margin before it (its run deadline), so the log row is closed too.
     */
    public static final Duration RUN_TIMEOUT = Duration.ofHours(12);

    /** How long a progress answer is reused. */
    static final Duration PROGRESS_REUSE = Duration.ofSeconds(1);

    private final WorkflowClient client;
    private final Map<String, RecentProgress> recentProgress = new ConcurrentHashMap<>();
    private final String taskQueue;
    private final boolean searchAttributes;

    public RefreshStarter(WorkflowClient client, String taskQueue) {
        this(client, taskQueue, false);
    }

    /** @param searchAttributes set PulsoTable/PulsoTrigger on starts (only if {@link SearchAttributeRegistration} succeeded) */
    public RefreshStarter(WorkflowClient client, String taskQueue, boolean searchAttributes) {
        this.client = client;
        this.taskQueue = taskQueue;
        this.searchAttributes = searchAttributes;
    }

    /**
     * Starts a run, or throws {@link AlreadyRunningException} naming the run in progress for the table.
     */
    public StartedRun start(RefreshRequest request) {
        String workflowId = WorkflowIds.refresh(request.table());
        Map<String, Object> memo = new LinkedHashMap<>();
        memo.put("table", request.table());
        memo.put("mode", request.mode().wireName());
        memo.put("trigger", request.trigger().wireName());
        if (request.from() != null) {
            memo.put("from", request.from().toString());
            memo.put("to", request.to().toString());
        }
        if (request.days() != null) {
            memo.put("days", request.days());
        }
        if (request.retryOf() != null) {
            memo.put("retryOf", request.retryOf());
        }
        WorkflowOptions.Builder builder = WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowExecutionTimeout(RUN_TIMEOUT)
                .setMemo(memo);
        if (searchAttributes) {
            builder.setTypedSearchAttributes(SearchAttributes.newBuilder()
                    .set(SearchAttributeRegistration.TABLE, request.table())
                    .set(SearchAttributeRegistration.TRIGGER, request.trigger().wireName())
                    .build());
        }
        WorkflowOptions options = builder.build();
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class, options);
        try {
            WorkflowExecution execution = WorkflowClient.start(workflow::refresh, request);
            return new StartedRun(request.table(), workflowId, execution.getRunId(), request.mode(), request.trigger());
        } catch (WorkflowExecutionAlreadyStarted e) {
            String runId = running(request.table()).orElse(e.getExecution().getRunId());
            throw new AlreadyRunningException(request.table(), workflowId, runId);
        }
    }

    /** The run id of the table's refresh in progress, if any. */
    public Optional<String> running(String table) {
        return describe(table)
                .filter(d -> d.getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                .map(d -> d.getWorkflowExecutionInfo().getExecution().getRunId());
    }

    /** Live progress of the given run of a table, if it is the one running now. */
    public Optional<RefreshProgress> progress(String table, String runId) {
        if (!running(table).filter(runId::equals).isPresent()) {
            return Optional.empty();
        }
        return queryProgress(table, runId);
    }

    /**
     * Live progress of a run the caller has just seen running. A query is answered by a worker, so it costs the
     * refresh a little; a run's progress moves once per LoadPages batch, so an answer is reused for
     * {@link #PROGRESS_REUSE} (dashboards poll status many times a second).
     */
    public Optional<RefreshProgress> queryProgress(String table, String runId) {
        long now = System.nanoTime();
        RecentProgress recent = recentProgress.get(runId);
        if (recent != null && now - recent.atNanos() < PROGRESS_REUSE.toNanos()) {
            return Optional.of(recent.progress());
        }
        try {
            WorkflowStub stub = client.newUntypedWorkflowStub(WorkflowIds.refresh(table), Optional.of(runId), Optional.empty());
            RefreshProgress progress = stub.query("progress", RefreshProgress.class);
            recentProgress.values().removeIf(r -> now - r.atNanos() >= PROGRESS_REUSE.toNanos());
            recentProgress.put(runId, new RecentProgress(now, progress));
            return Optional.of(progress);
        } catch (RuntimeException e) {
            // The run ended between the describe and the query, or no worker answered: no live progress.
            return Optional.empty();
        }
    }

    private record RecentProgress(long atNanos, RefreshProgress progress) {
    }

    private Optional<DescribeWorkflowExecutionResponse> describe(String table) {
        DescribeWorkflowExecutionRequest request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.refresh(table)).build())
                .build();
        try {
            return Optional.of(client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(request));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
