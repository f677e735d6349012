package io.pulso.core.runs;

import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow run's history reduced to what a person reads: when it started and ended, how, and each activity with
 * its attempts, duration and failure.
 *
 * @param status running, completed, failed, cancelled, terminated, timed_out, continued_as_new
 */
public record RunTimeline(String workflowId, String runId, String workflowType, String status, Instant startedAt,
                          Instant closedAt, Long durationMs, String failure, int events, List<ActivityStep> activities) {

    static RunTimeline of(String workflowId, String runId, List<HistoryEvent> events) {
        Map<Long, Step> steps = new LinkedHashMap<>();
        String type = null;
        String status = "running";
        Instant started = null;
        Instant closed = null;
        String failure = null;
        for (HistoryEvent e : events) {
            Instant at = Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
            switch (e.getEventType()) {
                case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
                    started = at;
                    type = e.getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
                }
                case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
                    var a = e.getActivityTaskScheduledEventAttributes();
                    steps.put(e.getEventId(), new Step(a.getActivityId(), a.getActivityType().getName(), at));
                }
                case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                    var a = e.getActivityTaskStartedEventAttributes();
                    Step s = steps.get(a.getScheduledEventId());
                    if (s != null) {
                        s.startedAt = at;
                        s.attempts = a.getAttempt();
                        s.outcome = "started";
                        s.lastAttemptFailure = a.hasLastFailure() ? message(a.getLastFailure()) : null;
                    }
                }
                case EVENT_TYPE_ACTIVITY_TASK_COMPLETED ->
                        close(steps.get(e.getActivityTaskCompletedEventAttributes().getScheduledEventId()), at, "completed", null);
                case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
                    var a = e.getActivityTaskFailedEventAttributes();
                    close(steps.get(a.getScheduledEventId()), at, "failed", message(a.getFailure()));
                }
                case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
                    var a = e.getActivityTaskTimedOutEventAttributes();
                    close(steps.get(a.getScheduledEventId()), at, "timed_out", message(a.getFailure()));
                }
                case EVENT_TYPE_ACTIVITY_TASK_CANCELED ->
                        close(steps.get(e.getActivityTaskCanceledEventAttributes().getScheduledEventId()), at, "cancelled", null);
                case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                    status = "completed";
                    closed = at;
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
                    status = "failed";
                    closed = at;
                    failure = message(e.getWorkflowExecutionFailedEventAttributes().getFailure());
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
                    status = "cancelled";
                    closed = at;
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
                    status = "terminated";
                    closed = at;
                    failure = e.getWorkflowExecutionTerminatedEventAttributes().getReason();
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
                    status = "timed_out";
                    closed = at;
                }
                case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
                    status = "continued_as_new";
                    closed = at;
                }
                default -> {
                }
            }
        }
        List<ActivityStep> activities = new ArrayList<>();
        steps.values().forEach(s -> activities.add(s.view()));
        return new RunTimeline(workflowId, runId, type, status, started, closed, millis(started, closed), failure, events.size(),
                activities);
    }

    /** The timeline with in-flight activities' attempts and last failures filled in from the server's description. */
    RunTimeline withPending(List<PendingActivityInfo> pending) {
        if (pending.isEmpty()) {
            return this;
        }
        Map<String, PendingActivityInfo> byId = new LinkedHashMap<>();
        pending.forEach(p -> byId.put(p.getActivityId(), p));
        List<ActivityStep> merged = activities.stream().map(a -> {
            PendingActivityInfo p = byId.get(a.activityId());
            if (p == null || a.closedAt() != null) {
                return a;
            }
            String outcome = p.getAttempt() > 1 ? "retrying" : a.outcome();
            String lastFailure = p.hasLastFailure() ? message(p.getLastFailure()) : a.lastAttemptFailure();
            return new ActivityStep(a.activityId(), a.type(), p.getAttempt(), a.scheduledAt(), a.startedAt(), null, null, outcome,
                    a.failure(), lastFailure);
        }).toList();
        return new RunTimeline(workflowId, runId, workflowType, status, startedAt, closedAt, durationMs, failure, events, merged);
    }

    private static void close(Step step, Instant at, String outcome, String failure) {
        if (step != null) {
            step.closedAt = at;
            step.outcome = outcome;
            step.failure = failure;
        }
    }

    /** The failure's message, with its cause's when the outer one only says "activity failed". */
    private static String message(Failure failure) {
        String message = failure.getMessage();
        if (failure.hasCause() && !failure.getCause().getMessage().isEmpty() && !failure.getCause().getMessage().equals(message)) {
            return message.isEmpty() ? failure.getCause().getMessage() : message + ": " + failure.getCause().getMessage();
        }
        return message;
    }

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }

    private static final class Step {
        final String activityId;
        final String type;
        final Instant scheduledAt;
        Instant startedAt;
        Instant closedAt;
        int attempts;
        String outcome = "scheduled";
        String failure;
        String lastAttemptFailure;

        Step(String activityId, String type, Instant scheduledAt) {
            this.activityId = activityId;
            this.type = type;
            this.scheduledAt = scheduledAt;
        }

        ActivityStep view() {
            return new ActivityStep(activityId, type, attempts, scheduledAt, startedAt, closedAt,
                    millis(startedAt != null ? startedAt : scheduledAt, closedAt), outcome, failure, lastAttemptFailure);
        }
    }
}
