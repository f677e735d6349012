package io.pulso.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A cancel that was requested (202); the run's own status changes once it has stopped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelRequestedView(String runId, String table, String workflowId, String status, String message,
                                  String statusUrl, String temporalUiUrl) {
}
