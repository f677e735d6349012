-- TimescaleDB features, applied only where the extension is available: hypertables with the chunk intervals
-- and retention policies of pulso-reference.md. On plain PostgreSQL this migration succeeds and says once
-- that it skipped them.
DO $timescale$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') THEN
        RAISE NOTICE 'TimescaleDB is not available: hypertables, chunk intervals and retention policies skipped (plain PostgreSQL)';
        RETURN;
    END IF;

    CREATE EXTENSION IF NOT EXISTS timescaledb;

    -- EXECUTE keeps the function names unresolved until TimescaleDB is known to be installed.
    EXECUTE $$SELECT create_hypertable('dashboard_data',    'fecha_foto', chunk_time_interval => INTERVAL '7 days', migrate_data => true, if_not_exists => true)$$;
    EXECUTE $$SELECT create_hypertable('evolution_data',    'fecha_foto', chunk_time_interval => INTERVAL '7 days', migrate_data => true, if_not_exists => true)$$;
    EXECUTE $$SELECT create_hypertable('operation_data',    'fecha_foto', chunk_time_interval => INTERVAL '1 day',  migrate_data => true, if_not_exists => true)$$;
    EXECUTE $$SELECT create_hypertable('productivity_data', 'fecha_foto', chunk_time_interval => INTERVAL '7 days', migrate_data => true, if_not_exists => true)$$;
    EXECUTE $$SELECT create_hypertable('etl_execution_log', 'started_at', chunk_time_interval => INTERVAL '1 month', migrate_data => true, if_not_exists => true)$$;

    EXECUTE $$SELECT add_retention_policy('dashboard_data',    INTERVAL '2 years',  if_not_exists => true)$$;
    EXECUTE $$SELECT add_retention_policy('evolution_data',    INTERVAL '2 years',  if_not_exists => true)$$;
    EXECUTE $$SELECT add_retention_policy('operation_data',    INTERVAL '1 year',   if_not_exists => true)$$;
    EXECUTE $$SELECT add_retention_policy('productivity_data', INTERVAL '2 years',  if_not_exists => true)$$;
    EXECUTE $$SELECT add_retention_policy('etl_execution_log', INTERVAL '6 months', if_not_exists => true)$$;

    RAISE NOTICE 'TimescaleDB: hypertables and retention policies in place';
END
$timescale$;
