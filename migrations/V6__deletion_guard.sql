-- The deletion guard and the run's fuller counts.
-- A run can end `held`: its pages are loaded, but the rows that vanished from the source were more than the table's
-- guard allows, so nothing was deleted and the watermark did not move (the message says how to proceed).
-- rows_kept: rows that would have been deleted but were kept by the guard; rows_duplicate: result rows that repeated a
-- key within their page; guard_overrides: what the request let through ("allowDeletion=all", "rewindWatermark=true");
-- cancel_requested_at: when a cancel was asked for, so a run that does not stop can be closed by the stale-run sweep.

ALTER TABLE etl_execution_log DROP CONSTRAINT etl_execution_log_status_check;
ALTER TABLE etl_execution_log ADD CONSTRAINT etl_execution_log_status_check
    CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned', 'held'));

ALTER TABLE etl_watermarks DROP CONSTRAINT etl_watermarks_last_status_check;
ALTER TABLE etl_watermarks ADD CONSTRAINT etl_watermarks_last_status_check
    CHECK (last_status IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned', 'held'));

ALTER TABLE etl_execution_log ADD COLUMN rows_duplicate bigint NOT NULL DEFAULT 0;
ALTER TABLE etl_execution_log ADD COLUMN rows_kept bigint NOT NULL DEFAULT 0;
ALTER TABLE etl_execution_log ADD COLUMN guard_overrides text;
ALTER TABLE etl_execution_log ADD COLUMN cancel_requested_at timestamptz;
