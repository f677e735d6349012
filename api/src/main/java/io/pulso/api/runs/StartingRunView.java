package io.pulso.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run Temporal knows but the execution log does not yet: its first activity has not written the row. Answered
 * so a client polling the status URL right after a 202 sees the run instead of a 404.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartingRunView(String runId, String table, String status, String workflowId, String temporalUiUrl) {
}
