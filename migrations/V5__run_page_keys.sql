-- Keys a run has loaded, one row per page holding the page's keys as an array, for tables that delete rows vanished
-- from the source inside the window. Replaces etl_run_keys (one indexed row per key), which cost a third of a
-- page's load time and most of its WAL: one row of a compressed array per page is a small fraction of that, and the
-- finish step's anti-join reads the arrays once (unnest + hash).
-- Logged on purpose: an unlogged table is emptied by a crash, which would turn into wrongful deletes.
CREATE TABLE etl_run_page_keys (
    run_id     varchar(100) NOT NULL,
    -- The page the keys came from; -1 holds keys carried over from etl_run_keys by this migration.
    page_index integer      NOT NULL CHECK (page_index >= -1),
    keys       text[]       NOT NULL,
    CONSTRAINT etl_run_page_keys_pkey PRIMARY KEY (run_id, page_index)
);

-- A run in progress across the upgrade keeps the keys of the pages it loaded before, or its finish step would
-- delete them as vanished.
INSERT INTO etl_run_page_keys (run_id, page_index, keys)
SELECT run_id, -1, array_agg(key_text ORDER BY key_text) FROM etl_run_keys GROUP BY run_id;

DROP TABLE etl_run_keys;
