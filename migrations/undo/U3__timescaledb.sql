-- Undo of V3: turns the hypertables back into plain tables (same columns, keys, checks, defaults and indexes, same
-- names, same rows) and drops their retention policies. Run by `pulso db rollback`, never by Flyway. On plain
-- PostgreSQL V3 changed nothing, so neither does this; a table that is not a hypertable is left as it is, so the
-- script is safe to run again.
-- A hypertable cannot be converted in place: each one is copied into a plain table that takes its name. That
-- rewrites every row (minutes on large tables) inside the rollback's transaction.
-- The extension itself stays: the TimescaleDB image installs it in the database on its own, and other objects
-- may use it.
--
-- Why the keys and indexes are recreated from their definitions, not copied with LIKE ... INCLUDING INDEXES:
-- LIKE names a copied index after the new table and its columns (etl_execution_log_status_idx on
-- (status, started_at) came back as etl_execution_log_status_started_at_idx), so names chosen in V1/V2 were lost.
-- pg_get_constraintdef / pg_get_indexdef, read before the hypertable is dropped, keep every name and definition.
-- create_hypertable (default create_default_indexes => true) also added an index on the time column, named
-- <table>_<time column>_idx, to each table that had no index starting with that column: only etl_execution_log
-- (its keys and indexes start with run_id, table_name or status). The dashboard tables' own <table>_fecha_foto_idx
-- come from V1 and are kept.
DO $undo$
DECLARE
    t text;
    plain text;
    added_by_v3 text[] := ARRAY['etl_execution_log_started_at_idx'];
    keys text[];
    indexes text[];
    ddl text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RAISE NOTICE 'TimescaleDB is not installed: nothing to undo for V3';
        RETURN;
    END IF;

    FOREACH t IN ARRAY ARRAY['dashboard_data', 'evolution_data', 'operation_data', 'productivity_data', 'etl_execution_log']
    LOOP
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                                  WHERE hypertable_schema = current_schema() AND hypertable_name = t);
        EXECUTE format('SELECT remove_retention_policy(%L, if_exists => true)', t);

        -- Primary key, unique and exclusion constraints own their index: recreated as constraints, by name.
        SELECT coalesce(array_agg(format('ALTER TABLE %I ADD CONSTRAINT %I %s', t, con.conname,
                                         pg_get_constraintdef(con.oid)) ORDER BY con.conname), '{}')
          INTO keys
          FROM pg_constraint con
         WHERE con.conrelid = format('%I', t)::regclass AND con.contype IN ('p', 'u', 'x');
        -- The other indexes, minus the one create_hypertable added; pg_get_indexdef names the table, which the
        -- plain copy will carry by then.
        SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid) ORDER BY ic.relname), '{}')
          INTO indexes
          FROM pg_index i
          JOIN pg_class ic ON ic.oid = i.indexrelid
         WHERE i.indrelid = format('%I', t)::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
           AND ic.relname <> ALL (added_by_v3);

        plain := t || '_undo_v3';
        -- Columns, defaults, NOT NULL, checks (with their names), comments, storage and statistics; no indexes yet.
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL EXCLUDING INDEXES)', plain, t);
        EXECUTE format('INSERT INTO %I SELECT * FROM %I', plain, t);
        EXECUTE format('DROP TABLE %I', t);
        EXECUTE format('ALTER TABLE %I RENAME TO %I', plain, t);
        FOREACH ddl IN ARRAY keys || indexes
        LOOP
            EXECUTE ddl;
        END LOOP;
    END LOOP;
    RAISE NOTICE 'TimescaleDB: hypertables converted back to plain tables, retention policies removed';
END
$undo$;
