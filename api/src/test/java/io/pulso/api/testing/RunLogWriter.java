package io.pulso.api.testing;

import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;

/** Writes execution-log and watermark rows through the core repositories, as the worker would. */
public final class RunLogWriter {

    private final DataSource database;
    private final ExecutionLogRepository runs;
    private final WatermarkRepository watermarks;

    RunLogWriter(DataSource database, ExecutionLogRepository runs, WatermarkRepository watermarks) {
        this.database = database;
        this.runs = runs;
        this.watermarks = watermarks;
    }

    /** A run row that began at {@code startedAt} and is still running. */
    public void running(String runId, String table, Instant startedAt) {
        withConnection(c -> runs.insertRunning(c, record(runId, table, RefreshMode.INCREMENTAL, startedAt)));
    }

    /** A run row that ended with {@code status} after {@code took}. */
    public void finished(String runId, String table, RefreshMode mode, RunStatus status, Instant startedAt, Duration took,
                         RowCounts counts, String error) {
        withConnection(c -> {
            runs.insertRunning(c, record(runId, table, mode, startedAt));
            runs.close(c, runId, status, status == RunStatus.SUCCEEDED ? LocalDate.of(2026, 2, 28) : null, counts, 3,
                    startedAt.plus(took), error, "test run");
        });
    }

    /** The table's watermark row after a run that ended with {@code status} (or is running, if RUNNING). */
    public void watermark(String table, String runId, RunStatus status, LocalDate newWatermark, Instant startedAt,
                          Instant finishedAt, String error) {
        withConnection(c -> {
            watermarks.markRunning(c, table, runId, startedAt);
            if (status != RunStatus.RUNNING) {
                watermarks.recordFinish(c, table, runId, status, newWatermark, new RowCounts(10, 4, 3, 3, 0, 0),
                        finishedAt, error);
            }
        });
    }

    private static RunRecord record(String runId, String table, RefreshMode mode, Instant startedAt) {
        return new RunRecord(runId, WorkflowIds.refresh(table), table, mode, Trigger.API, RunStatus.RUNNING,
                LocalDate.of(2026, 2, 21), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 2, 27), null, RowCounts.ZERO, 0, 1,
                startedAt, null, null, null, null, null);
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private void withConnection(SqlWork work) {
        try (Connection c = database.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
