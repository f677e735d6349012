package io.pulso.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulso.core.runs.ActivityStep;
import io.pulso.core.runs.RunTimeline;
import java.time.Instant;
import java.util.List;

/** A run's Temporal history as a timeline: the workflow's start and end, then each activity with attempts and failures. */
public record RunHistoryView(String runId, String workflowId, String table, String workflowType, String status,
                             Instant startedAt, Instant closedAt, Long durationMs, String failure, int events,
                             List<ActivityStep> activities,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String temporalUiUrl) {

    static RunHistoryView of(String table, RunTimeline t, String temporalUiUrl) {
        return new RunHistoryView(t.runId(), t.workflowId(), table, t.workflowType(), t.status(), t.startedAt(), t.closedAt(),
                t.durationMs(), t.failure(), t.events(), t.activities(), temporalUiUrl);
    }
}
