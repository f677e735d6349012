-- Control tables of the ETL: per-table watermark, one log row per run, the page ledger that keeps counts
-- exact across crashes, and the keys seen by a run (for deleting rows that vanished at the source).

CREATE TABLE etl_watermarks (
    table_name       varchar(100) PRIMARY KEY,
    watermark        date,
    last_run_id      varchar(100),
    last_status      varchar(20)  CHECK (last_status IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
    last_started_at  timestamptz,
    last_finished_at timestamptz,
    last_success_at  timestamptz,
    rows_extracted   bigint  NOT NULL DEFAULT 0,
    rows_inserted    bigint  NOT NULL DEFAULT 0,
    rows_updated     bigint  NOT NULL DEFAULT 0,
    rows_unchanged   bigint  NOT NULL DEFAULT 0,
    rows_deleted     bigint  NOT NULL DEFAULT 0,
    last_error       text,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Partitioned by started_at on TimescaleDB, so the key must include it; run_id is unique by construction
-- (a Temporal run id) and has its own index for lookups.
CREATE TABLE etl_execution_log (
    run_id           varchar(100) NOT NULL,
    workflow_id      varchar(200) NOT NULL,
    table_name       varchar(100) NOT NULL,
    mode             varchar(20)  NOT NULL CHECK (mode IN ('incremental', 'full_refresh', 'sliding_window', 'backfill')),
    trigger          varchar(20)  NOT NULL CHECK (trigger IN ('api', 'schedule', 'retry')),
    status           varchar(20)  NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'abandoned')),
    window_from      date,
    window_to        date,
    watermark_before date,
    watermark_after  date,
    rows_extracted   bigint  NOT NULL DEFAULT 0,
    rows_inserted    bigint  NOT NULL DEFAULT 0,
    rows_updated     bigint  NOT NULL DEFAULT 0,
    rows_unchanged   bigint  NOT NULL DEFAULT 0,
    rows_deleted     bigint  NOT NULL DEFAULT 0,
    pages            integer NOT NULL DEFAULT 0,
    attempts         integer NOT NULL DEFAULT 1,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    duration_ms      bigint,
    error_message    text,
    notes            text,
    retry_of         varchar(100),
    CONSTRAINT etl_execution_log_pkey PRIMARY KEY (run_id, started_at),
    CONSTRAINT etl_execution_log_window_check CHECK (window_from IS NULL OR window_to IS NULL OR window_from <= window_to)
);
CREATE INDEX etl_execution_log_run_id_idx ON etl_execution_log (run_id);
CREATE INDEX etl_execution_log_table_started_idx ON etl_execution_log (table_name, started_at DESC);
CREATE INDEX etl_execution_log_status_idx ON etl_execution_log (status, started_at DESC);

-- One row per committed page, written in the same transaction as the page's rows: a retried page that is
-- already here returns the recorded counts instead of loading again.
CREATE TABLE etl_page_ledger (
    run_id          varchar(100) NOT NULL,
    page_index      integer      NOT NULL CHECK (page_index >= 0),
    next_page_token text,
    rows_in_page    integer NOT NULL,
    rows_inserted   integer NOT NULL,
    rows_updated    integer NOT NULL,
    rows_unchanged  integer NOT NULL,
    rows_duplicate  integer NOT NULL,
    committed_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT etl_page_ledger_pkey PRIMARY KEY (run_id, page_index)
);

-- Keys a run has loaded, for tables that delete rows vanished from the source inside the window.
-- Logged on purpose: an unlogged table is emptied by a crash, which would turn into wrongful deletes.
CREATE TABLE etl_run_keys (
    run_id   varchar(100) NOT NULL,
    key_text text         NOT NULL,
    CONSTRAINT etl_run_keys_pkey PRIMARY KEY (run_id, key_text)
);
