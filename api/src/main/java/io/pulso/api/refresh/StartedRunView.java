package io.pulso.api.refresh;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulso.api.ApiPaths;
import io.pulso.api.TemporalUiLinks;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import java.time.LocalDate;

/** A run that was just started (202). The mode parameters are echoed so a client sees how its options resolved. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StartedRunView(String table, String workflowId, String runId, RefreshMode mode, Trigger trigger,
                             Integer days, LocalDate from, LocalDate to, String statusUrl, String temporalUiUrl) {

    static StartedRunView of(StartedRun run, RefreshRequest request, TemporalUiLinks links) {
        return new StartedRunView(run.table(), run.workflowId(), run.runId(), run.mode(), run.trigger(),
                request.days(), request.from(), request.to(), ApiPaths.run(run.runId()),
                links.run(run.workflowId(), run.runId()));
    }
}
