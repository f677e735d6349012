package io.pulso.worker.refresh;

import io.pulso.core.refresh.RowCounts;
import java.time.Duration;
import java.time.Instant;

/**
 * What the refresh activities report about finished runs. Called once per run, after the run's outcome is committed,
 * so a retried activity never counts twice. {@link #NONE} records nothing (tests and callers without metrics).
 */
public interface RefreshMetrics {

    RefreshMetrics NONE = new RefreshMetrics() {
    };

    /** A run committed its last page and its watermark: rows by outcome, pages, duration, success time. */
    default void runSucceeded(String table, RowCounts counts, int pages, Duration duration, Instant finishedAt) {
    }

    /** A run was closed as failed; {@code counts}/{@code pages} are what it committed before failing. */
    default void runFailed(String table, String error, RowCounts counts, int pages, Duration duration) {
    }

    /** A run was held by the deletion guard: its pages are in, nothing was deleted, the watermark stayed. */
    default void runHeld(String table, RowCounts counts, int pages, Duration duration) {
    }

    /** A run was cancelled on request; {@code counts}/{@code pages} are what it committed before stopping. */
    default void runCancelled(String table, RowCounts counts, int pages, Duration duration) {
    }
}
