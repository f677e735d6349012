package io.pulso.core.runs;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.client.WorkflowClient;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks at and acts on one workflow run on the Temporal server: its state, its history, a cancel request. */
public final class WorkflowRuns {

    private final WorkflowClient client;

    public WorkflowRuns(WorkflowClient client) {
        this.client = client;
    }

    /** The run's status on the server, or empty when the server does not know it (NOT_FOUND). */
    public Optional<WorkflowExecutionStatus> status(String workflowId, String runId) {
        DescribeWorkflowExecutionRequest request = DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace()).setExecution(execution(workflowId, runId)).build();
        try {
            return Optional.of(client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(request)
                    .getWorkflowExecutionInfo().getStatus());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Asks the run to cancel; the refresh workflow stops after the page in progress commits. */
    public void cancel(String workflowId, String runId) {
        client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty()).cancel();
    }

    /** Ends the run at once on the server (no workflow code runs after it), for a run that ignored its cancel. */
    public void terminate(String workflowId, String runId, String reason) {
        client.newUntypedWorkflowStub(workflowId, Optional.of(runId), Optional.empty()).terminate(reason);
    }

    /** The run's whole history as a compact timeline, or empty when the server does not know the run. */
    public Optional<RunTimeline> timeline(String workflowId, String runId) {
        List<HistoryEvent> events = new ArrayList<>();
        ByteString token = ByteString.EMPTY;
        try {
            do {
                GetWorkflowExecutionHistoryResponse page = client.getWorkflowServiceStubs().blockingStub()
                        .getWorkflowExecutionHistory(GetWorkflowExecutionHistoryRequest.newBuilder()
                                .setNamespace(namespace()).setExecution(execution(workflowId, runId))
                                .setNextPageToken(token).build());
                events.addAll(page.getHistory().getEventsList());
                token = page.getNextPageToken();
            } while (!token.isEmpty());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        RunTimeline timeline = RunTimeline.of(workflowId, runId, events);
        return Optional.of(timeline.status().equals("running") ? timeline.withPending(pending(workflowId, runId)) : timeline);
    }

    /**
     * Activities in flight, which the history does not show yet: the server keeps a retrying activity's attempt (and, on
     * a real server, its last failure) in the workflow's description until the activity closes.
     */
    private List<PendingActivityInfo> pending(String workflowId, String runId) {
        try {
            return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest
                    .newBuilder().setNamespace(namespace()).setExecution(execution(workflowId, runId)).build())
                    .getPendingActivitiesList();
        } catch (StatusRuntimeException e) {
            return List.of(); // closed or gone between the two calls: the history alone is the answer
        }
    }

    private String namespace() {
        return client.getOptions().getNamespace();
    }

    private static WorkflowExecution execution(String workflowId, String runId) {
        return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
    }
}
