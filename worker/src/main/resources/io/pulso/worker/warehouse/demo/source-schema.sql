-- The demo warehouse: the four BigQuery views of pulso-reference.md as plain tables (lower-case names, schema
-- bi_usa), plus the schema where DemoWarehouse keeps materialised extraction results. Idempotent.

CREATE SCHEMA IF NOT EXISTS bi_usa;

-- One assigned account in a file (archivo). negocio is the servicio (MOVIL / FIJA); monto_exigible_diario is the
-- account's current debt.
CREATE TABLE IF NOT EXISTS bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean (
    archivo               varchar(100)  NOT NULL,
    fecha_asignacion_real date          NOT NULL,
    cartera               varchar(50)   NOT NULL,
    negocio               varchar(20)   NOT NULL,
    cod_luna              varchar(20)   NOT NULL,
    cuenta                varchar(20)   NOT NULL,
    deuda_inicial         numeric(14,2) NOT NULL,
    monto_exigible_diario numeric(14,2) NOT NULL,
    estado_deudor         varchar(30)
);
-- The real view does not promise a cartera (nor gestiones a canal): the extraction must cope with NULL.
ALTER TABLE bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean ALTER COLUMN cartera DROP NOT NULL;
CREATE INDEX IF NOT EXISTS asignaciones_fecha_asignacion_idx
    ON bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean (fecha_asignacion_real);
CREATE INDEX IF NOT EXISTS asignaciones_cuenta_idx
    ON bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean (cuenta);

-- One contact attempt. timestamp_gestion is an instant; its date and hour in America/Lima are what the
-- dashboard shows. campaign_name is the archivo the attempted client belongs to.
CREATE TABLE IF NOT EXISTS bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas (
    cod_luna             varchar(20)  NOT NULL,
    fecha_gestion        date         NOT NULL,
    timestamp_gestion    timestamptz  NOT NULL,
    canal_origen         varchar(10)  NOT NULL,
    campaign_name        varchar(100),
    correo_agente        varchar(100),
    nombre_agente        varchar(200),
    contactabilidad      varchar(30)  NOT NULL,
    es_contacto_efectivo boolean      NOT NULL,
    es_compromiso        boolean      NOT NULL,
    peso_gestion         bigint       NOT NULL
);
ALTER TABLE bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas ALTER COLUMN canal_origen DROP NOT NULL;
CREATE INDEX IF NOT EXISTS gestiones_timestamp_idx
    ON bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas (timestamp_gestion);
CREATE INDEX IF NOT EXISTS gestiones_fecha_gestion_idx
    ON bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas (fecha_gestion);

-- One payment; nro_documento is the paid account (asignaciones.cuenta).
CREATE TABLE IF NOT EXISTS bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_pagos_unicos (
    nro_documento   varchar(20)   NOT NULL,
    fecha_pago      date          NOT NULL,
    monto_cancelado numeric(14,2) NOT NULL
);
CREATE INDEX IF NOT EXISTS pagos_fecha_pago_idx
    ON bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_pagos_unicos (fecha_pago);

-- One (fecha_foto, archivo, cartera, servicio) with the KPIs already computed (DemoDataGenerator fills it). As in
-- the real mart, a percentage whose divisor is 0 is NULL (NULLIF), and fecha_procesamiento is zone-less (BigQuery
-- DATETIME) Lima wall-clock time.
CREATE TABLE IF NOT EXISTS bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas (
    fecha_foto          date             NOT NULL,
    archivo             varchar(100)     NOT NULL,
    cartera             varchar(50)      NOT NULL,
    servicio            varchar(20)      NOT NULL,
    cuentas             integer          NOT NULL,
    clientes            integer          NOT NULL,
    deuda_asig          numeric(14,2)    NOT NULL,
    deuda_act           numeric(14,2)    NOT NULL,
    cuentas_gestionadas integer          NOT NULL,
    cuentas_cd          integer          NOT NULL,
    cuentas_ci          integer          NOT NULL,
    cuentas_sc          integer          NOT NULL,
    cuentas_sg          integer          NOT NULL,
    cuentas_pdp         integer          NOT NULL,
    recupero            numeric(14,2)    NOT NULL,
    pct_cober           double precision,
    pct_contac          double precision,
    pct_cd              double precision,
    pct_ci              double precision,
    pct_conversion      double precision,
    pct_efectividad     double precision,
    pct_cierre          double precision,
    inten               double precision,
    fecha_procesamiento timestamp        NOT NULL
);
-- Warehouses made before the views were modelled this way: NULL-able KPIs, a Lima-time fecha_procesamiento.
ALTER TABLE bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas
    ALTER COLUMN pct_cober DROP NOT NULL, ALTER COLUMN pct_contac DROP NOT NULL, ALTER COLUMN pct_cd DROP NOT NULL,
    ALTER COLUMN pct_ci DROP NOT NULL, ALTER COLUMN pct_conversion DROP NOT NULL,
    ALTER COLUMN pct_efectividad DROP NOT NULL, ALTER COLUMN pct_cierre DROP NOT NULL, ALTER COLUMN inten DROP NOT NULL;
DO $$
BEGIN
    IF (SELECT data_type FROM information_schema.columns
        WHERE table_schema = 'bi_usa' AND table_name = 'bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas'
          AND column_name = 'fecha_procesamiento') = 'timestamp with time zone' THEN
        ALTER TABLE bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas
            ALTER COLUMN fecha_procesamiento TYPE timestamp USING fecha_procesamiento AT TIME ZONE 'America/Lima';
    END IF;
END $$;
CREATE INDEX IF NOT EXISTS dashboard_cobranzas_fecha_foto_idx
    ON bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas (fecha_foto);

-- Materialised extraction results: one table r_<hash> per (run, table) and one manifest row each.
CREATE SCHEMA IF NOT EXISTS etl_results;

CREATE TABLE IF NOT EXISTS etl_results.manifest (
    result_id      varchar(40)  PRIMARY KEY,
    table_name     varchar(100) NOT NULL,
    run_id         text         NOT NULL,
    window_from    date,
    window_to      date,
    total_rows     bigint       NOT NULL,
    max_incremental date,
    columns        text[]       NOT NULL,
    created_at     timestamptz  NOT NULL DEFAULT now()
);
