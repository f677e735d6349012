-- Undo of V5: back to one row per key in etl_run_keys, keeping the keys of runs in progress.
-- Run by `pulso db rollback`, never by Flyway.
CREATE TABLE etl_run_keys (
    run_id   varchar(100) NOT NULL,
    key_text text         NOT NULL,
    CONSTRAINT etl_run_keys_pkey PRIMARY KEY (run_id, key_text)
);
INSERT INTO etl_run_keys (run_id, key_text)
SELECT DISTINCT p.run_id, k.key_text FROM etl_run_page_keys p CROSS JOIN LATERAL unnest(p.keys) AS k(key_text);
DROP TABLE etl_run_page_keys;
