package io.pulso.api.status;

import io.pulso.api.runs.RunView;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.runlog.RunRecord;
import java.time.Instant;

/** A recent run in the overview; the full row is at {@code /runs/{runId}}. */
public record ActivityView(String table, RunStatus status, RefreshMode mode, Trigger trigger, Instant startedAt,
                           Instant finishedAt, RunView.Rows rows, Long durationMs, String runId) {

    static ActivityView of(RunRecord run) {
        return new ActivityView(run.table(), run.status(), run.mode(), run.trigger(), run.startedAt(), run.finishedAt(),
                RunView.Rows.of(run.counts()), run.durationMs(), run.runId());
    }
}
