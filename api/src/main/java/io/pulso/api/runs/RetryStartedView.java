package io.pulso.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.Trigger;
import java.time.LocalDate;

/** A retry that was just started (202): the new run, the run it retries, and the mode parameters it repeats. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryStartedView(String table, String workflowId, String runId, RefreshMode mode, Trigger trigger, String retryOf,
                               Integer days, LocalDate from, LocalDate to, String statusUrl, String temporalUiUrl) {
}
