package io.pulso.api.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pulso.api.TemporalUiLinks;
import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshProgress;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.runlog.RunRecord;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One execution-log row as the API shows it. Null fields are kept (a null {@code finishedAt} says something);
 * only {@code temporalUiUrl} (no UI configured) and {@code progress} (not running) are left out when absent.
 */
public record RunView(String runId, String workflowId, String table, RefreshMode mode, Trigger trigger, RunStatus status,
                      Window window, Watermark watermark, Rows rows, int pages, int attempts, Instant startedAt,
                      Instant finishedAt, Long durationMs, String error, String notes, String retryOf,
                      Overrides overrides,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String temporalUiUrl,
                      @JsonInclude(JsonInclude.Include.NON_NULL) RefreshProgress progress) {

    /** The dates the run read, inclusive. */
    public record Window(LocalDate from, LocalDate to) {
    }

    /** The table's watermark when the run began and where the run left it (null until it finishes or if unmoved). */
    public record Watermark(LocalDate before, LocalDate after) {
    }

    /**
     * Rows by outcome: {@code duplicates} repeated a key within their page (dropped), {@code kept} vanished from the
     * source but were kept because the deletion guard held the run.
     */
    public record Rows(long extracted, long inserted, long updated, long unchanged, long deleted, long duplicates,
                       long kept) {

        public static Rows of(RowCounts counts) {
            return new Rows(counts.extracted(), counts.inserted(), counts.updated(), counts.unchanged(), counts.deleted(),
                    counts.duplicates(), counts.kept());
        }
    }

    /** What the request let this run do past the guards: {@code allowDeletion} ("all", a share, or null). */
    public record Overrides(String allowDeletion, boolean rewindWatermark) {

        static Overrides of(GuardOverrides overrides) {
            return new Overrides(overrides.allowDeletionText(), overrides.rewindWatermark());
        }
    }

    public static RunView of(RunRecord run, TemporalUiLinks links, RefreshProgress progress) {
        return new RunView(run.runId(), run.workflowId(), run.table(), run.mode(), run.trigger(), run.status(),
                new Window(run.windowFrom(), run.windowTo()), new Watermark(run.watermarkBefore(), run.watermarkAfter()),
                Rows.of(run.counts()), run.pages(), run.attempts(), run.startedAt(), run.finishedAt(), run.durationMs(),
                run.errorMessage(), run.notes(), run.retryOf(), Overrides.of(run.overrides()), links.run(run.workflowId(), run.runId()), progress);
    }
}
