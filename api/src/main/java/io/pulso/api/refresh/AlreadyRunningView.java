package io.pulso.api.refresh;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulso.api.ApiPaths;
import io.pulso.api.TemporalUiLinks;
import io.pulso.core.refresh.AlreadyRunningException;

/**
 * A table that is already refreshing (409): the error shape plus the run in progress, so the client can follow
 * that run instead of starting another.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlreadyRunningView(String error, String message, int status, String table, String workflowId, String runId,
                                 String statusUrl, String temporalUiUrl) {

    public static AlreadyRunningView of(AlreadyRunningException e, TemporalUiLinks links) {
        return new AlreadyRunningView("already_running", e.getMessage(), 409, e.table(), e.workflowId(), e.runId(),
                ApiPaths.run(e.runId()), links.run(e.workflowId(), e.runId()));
    }
}
