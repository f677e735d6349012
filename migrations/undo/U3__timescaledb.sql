-- Undo of V3: turns the hypertables back into plain tables (same columns, keys, checks, defaults and indexes, same
-- rows) and drops their retention policies. Run by `pulso db rollback`, never by Flyway. On plain PostgreSQL V3
-- changed nothing, so neither does this.
-- A hypertable cannot be converted in place: each one is copied into a plain table that takes its name. That
-- rewrites every row (minutes on large tables) inside the rollback's transaction.
-- The extension itself stays: the TimescaleDB image installs it in the database on its own, and other objects
-- may use it.
DO $undo$
DECLARE
    t text;
    plain text;
    r record;
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
        plain := t || '_undo_v3';
        EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING ALL)', plain, t);
        EXECUTE format('INSERT INTO %I SELECT * FROM %I', plain, t);
        EXECUTE format('DROP TABLE %I', t);
        EXECUTE format('ALTER TABLE %I RENAME TO %I', plain, t);
        -- LIKE names the copied key and indexes after the new table; give them back the names V1/V2 chose.
        FOR r IN SELECT conname FROM pg_constraint
                 WHERE conrelid = format('%I', t)::regclass AND conname LIKE plain || '%' LOOP
            EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', t, r.conname, replace(r.conname, plain, t));
        END LOOP;
        FOR r IN SELECT indexname FROM pg_indexes
                 WHERE schemaname = current_schema() AND tablename = t AND indexname LIKE plain || '%' LOOP
            EXECUTE format('ALTER INDEX %I RENAME TO %I', r.indexname, replace(r.indexname, plain, t));
        END LOOP;
    END LOOP;
    RAISE NOTICE 'TimescaleDB: hypertables converted back to plain tables, retention policies removed';
END
$undo$;
