-- One row per firing of a table's schedule (Temporal Schedule or the cron-workflow fallback): whether it started a
-- refresh or skipped because one was already running. The API's schedule view shows the last firing and the counts.
CREATE TABLE etl_schedule_firings (
    id          bigserial    PRIMARY KEY,
    table_name  varchar(100) NOT NULL,
    fired_at    timestamptz  NOT NULL,
    outcome     varchar(20)  NOT NULL CHECK (outcome IN ('started', 'skipped', 'failed')),
    run_id      varchar(100),
    detail      text,
    backend     varchar(40)  NOT NULL
);
CREATE INDEX etl_schedule_firings_table_fired_idx ON etl_schedule_firings (table_name, fired_at DESC);
