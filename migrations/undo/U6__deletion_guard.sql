-- Undo of V6: back to five statuses (a held run reads as failed, its message kept) and the counts of V2.
-- Run by `pulso db rollback`, never by Flyway.
ALTER TABLE etl_execution_log DROP COLUMN cancel_requested_at;
ALTER TABLE etl_execution_log DROP COLUMN guard_overrides;
ALTER TABLE etl_execution_log DROP COLUMN rows_kept;
ALTER TABLE etl_execution_log DROP COLUMN rows_duplicate;

UPDATE etl_watermarks SET last_status = 'failed' WHERE last_status = 'held';
ALTER TABLE etl_watermarks DROP CONSTRAINT etl_watermarks_last_status_check;
ALTER TABLE etl_watermarks ADD CONSTRAINT etl_watermarks_last_status_check
    CHECK (last_status IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned'));

UPDATE etl_execution_log SET status = 'failed' WHERE status = 'held';
ALTER TABLE etl_execution_log DROP CONSTRAINT etl_execution_log_status_check;
ALTER TABLE etl_execution_log ADD CONSTRAINT etl_execution_log_status_check
    CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned'));
