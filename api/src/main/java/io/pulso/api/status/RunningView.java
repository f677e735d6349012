package io.pulso.api.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulso.core.refresh.RefreshProgress;

/** The run in progress for a table, as Temporal sees it; {@code progress} is null until its worker answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunningView(String runId, String workflowId, String statusUrl, RefreshProgress progress, String temporalUiUrl) {
}
