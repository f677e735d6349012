-- Undo of V2: drops the ETL control tables (watermarks, execution log, page ledger, run keys).
-- Run by `pulso db rollback`, never by Flyway.
DROP TABLE IF EXISTS etl_run_keys;
DROP TABLE IF EXISTS etl_page_ledger;
DROP TABLE IF EXISTS etl_execution_log;
DROP TABLE IF EXISTS etl_watermarks;
