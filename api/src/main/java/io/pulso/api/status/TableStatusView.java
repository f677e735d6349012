package io.pulso.api.status;

import io.pulso.api.runs.RunView;
import io.pulso.core.refresh.RunStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /status/table/{table}}. {@code nextScheduledAt} = last success + the table's refresh interval (null
 * if it never succeeded); {@code running} comes from Temporal, the rest from the database. When Temporal cannot
 * be asked, {@code running} is null and {@code warnings} says so, so the page still works during an outage.
 */
public record TableStatusView(String table, String group, LocalDate watermark, RunStatus lastStatus, String lastRunId,
                              Instant lastStartedAt, Instant lastFinishedAt, Instant lastSuccessAt, Instant nextScheduledAt,
                              boolean overdue, String refreshInterval, String error, RunView lastRun, RunningView running,
                              List<String> warnings, Long rowsInTable, boolean rowsInTableExact) {
}
