package io.pulso.api.refresh;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Outcome of a group refresh: what started and what was already running. When nothing could start, the same
 * body is the 409 answer, with the error fields filled in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DashboardRefreshView(String error, String message, Integer status,
                                   List<StartedRunView> started, List<AlreadyRunningView> alreadyRunning) {

    static DashboardRefreshView accepted(List<StartedRunView> started, List<AlreadyRunningView> alreadyRunning) {
        return new DashboardRefreshView(null, null, null, started, alreadyRunning);
    }

    static DashboardRefreshView allRunning(List<AlreadyRunningView> alreadyRunning) {
        return new DashboardRefreshView("already_running", "every requested table is already refreshing; nothing was started",
                409, List.of(), alreadyRunning);
    }
}
