-- Notifications (issue 14): incidents, so a table in trouble is announced once (then reminded) however many runs
-- fail and however many processes look; and the deliveries made, for GET /api/v1/etl/alerts.

-- One row per incident of a table: opened by a failed, held or abandoned run, or by staleness; closed by the next
-- success (which sends "recovered"). The partial unique index allows one open incident per table: processes that
-- look at the same time race on the INSERT, and only the winner sends.
CREATE TABLE etl_alert_incidents (
    id            bigserial    PRIMARY KEY,
    table_name    varchar(100) NOT NULL,
    kind          varchar(20)  NOT NULL CHECK (kind IN ('failed', 'held', 'stale')),
    run_id        varchar(100),
    opened_at     timestamptz  NOT NULL,
    last_sent_at  timestamptz  NOT NULL,
    sends         integer      NOT NULL DEFAULT 1 CHECK (sends >= 1),
    closed_at     timestamptz,
    closed_by_run varchar(100)
);
CREATE UNIQUE INDEX etl_alert_incidents_one_open_idx ON etl_alert_incidents (table_name) WHERE closed_at IS NULL;
CREATE INDEX etl_alert_incidents_opened_idx ON etl_alert_incidents (opened_at DESC);

-- One row per event and webhook once its delivery ended (delivered, rejected, or given up after the retries).
-- The receiver is kept as scheme://host[:port] only: webhook paths carry tokens.
CREATE TABLE etl_alert_deliveries (
    id           bigserial    PRIMARY KEY,
    incident_id  bigint       REFERENCES etl_alert_incidents (id) ON DELETE SET NULL,
    event        varchar(20)  NOT NULL CHECK (event IN ('failed', 'held', 'stale', 'recovered', 'test')),
    table_name   varchar(100),
    run_id       varchar(100),
    webhook      integer      NOT NULL CHECK (webhook >= 0),
    receiver     varchar(300) NOT NULL,
    delivered    boolean      NOT NULL,
    status_code  integer      NOT NULL,
    attempts     integer      NOT NULL,
    error        text,
    finished_at  timestamptz  NOT NULL
);
CREATE INDEX etl_alert_deliveries_finished_idx ON etl_alert_deliveries (finished_at DESC);

-- Test notifications asked for by POST /api/v1/etl/alerts/test. The api holds no webhook or secret: the next alert
-- check on a worker claims the request and sends a test event to every webhook it has.
CREATE TABLE etl_alert_test_requests (
    id           bigserial   PRIMARY KEY,
    requested_at timestamptz NOT NULL,
    claimed_at   timestamptz
);

-- The outbox: each due event, written in the same transaction as the incident change (or test claim) that made it
-- due, with everything needed to send it. It stays 'pending' until its delivery ended, so a worker that crashes
-- between deciding and sending loses nothing: the next check dispatches every pending row again, and the delivery
-- workflow's id (etl-alert-deliver-<id>) lets each row be sent once. No foreign key: incidents may be truncated apart.
CREATE TABLE etl_alert_outbox (
    id           bigserial   PRIMARY KEY,
    incident_id  bigint,
    sequence     integer     NOT NULL CHECK (sequence >= 1),
    event        jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    state        varchar(20) NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    finished_at  timestamptz
);
CREATE INDEX etl_alert_outbox_pending_idx ON etl_alert_outbox (id) WHERE state = 'pending';
