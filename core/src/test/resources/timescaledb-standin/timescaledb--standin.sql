-- Test stand-in for TimescaleDB: catalog footprint only (see README.md beside it).
CREATE SCHEMA _timescaledb_standin;
CREATE SCHEMA timescaledb_information;
CREATE TABLE _timescaledb_standin.hypertable (relid oid PRIMARY KEY, time_column name NOT NULL, chunk_interval interval);
CREATE TABLE _timescaledb_standin.retention (relid oid PRIMARY KEY, drop_after interval NOT NULL);

CREATE VIEW timescaledb_information.hypertables AS
    SELECT n.nspname AS hypertable_schema, c.relname AS hypertable_name
    FROM _timescaledb_standin.hypertable h
    JOIN pg_class c ON c.oid = h.relid
    JOIN pg_namespace n ON n.oid = c.relnamespace;

CREATE FUNCTION create_hypertable(relation regclass, time_column_name name, chunk_time_interval interval DEFAULT NULL,
                                  if_not_exists boolean DEFAULT false, migrate_data boolean DEFAULT false,
                                  create_default_indexes boolean DEFAULT true)
RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE
    tbl name := (SELECT relname FROM pg_class WHERE oid = relation);
    time_attnum smallint := (SELECT attnum FROM pg_attribute WHERE attrelid = relation AND attname = time_column_name);
    has_rows boolean;
BEGIN
    IF time_attnum IS NULL THEN
        RAISE EXCEPTION 'column "%" does not exist', time_column_name;
    END IF;
    IF EXISTS (SELECT 1 FROM _timescaledb_standin.hypertable WHERE relid = relation) THEN
        IF if_not_exists THEN
            RAISE NOTICE 'table "%" is already a hypertable, skipping', tbl;
            RETURN false;
        END IF;
        RAISE EXCEPTION 'table "%" is already a hypertable', tbl;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_index WHERE indrelid = relation AND indisunique AND NOT (time_attnum = ANY (indkey))) THEN
        RAISE EXCEPTION 'cannot create a unique index without the column "%" (used in partitioning)', time_column_name;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s)', relation) INTO has_rows;
    IF has_rows AND NOT migrate_data THEN
        RAISE EXCEPTION 'table "%" is not empty', tbl USING HINT = 'You can migrate data by specifying migrate_data => true';
    END IF;
    EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET NOT NULL', relation, time_column_name);
    IF create_default_indexes AND NOT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = relation AND indkey[0] = time_attnum) THEN
        EXECUTE format('CREATE INDEX %I ON %s (%I DESC)', tbl || '_' || time_column_name || '_idx', relation, time_column_name);
    END IF;
    INSERT INTO _timescaledb_standin.hypertable VALUES (relation, time_column_name, chunk_time_interval);
    RETURN true;
END
$fn$;

CREATE FUNCTION add_retention_policy(relation regclass, drop_after interval, if_not_exists boolean DEFAULT false)
RETURNS integer LANGUAGE plpgsql AS $fn$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM _timescaledb_standin.hypertable WHERE relid = relation) THEN
        RAISE EXCEPTION 'table "%" is not a hypertable', relation;
    END IF;
    IF EXISTS (SELECT 1 FROM _timescaledb_standin.retention WHERE relid = relation) THEN
        IF if_not_exists THEN
            RAISE NOTICE 'retention policy already exists for hypertable "%", skipping', relation;
            RETURN -1;
        END IF;
        RAISE EXCEPTION 'retention policy already exists for hypertable "%"', relation;
    END IF;
    INSERT INTO _timescaledb_standin.retention VALUES (relation, drop_after);
    RETURN 1000 + (SELECT count(*) FROM _timescaledb_standin.retention)::integer;
END
$fn$;

CREATE FUNCTION remove_retention_policy(relation regclass, if_exists boolean DEFAULT false)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    DELETE FROM _timescaledb_standin.retention WHERE relid = relation;
    IF NOT FOUND AND NOT if_exists THEN
        RAISE EXCEPTION 'retention policy not found for hypertable "%"', relation;
    END IF;
END
$fn$;
