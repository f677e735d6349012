-- Computes dashboard_cobranzas from the raw demo data: one row per (fecha_foto, archivo, cartera, servicio) for
-- every day a file is worked (pg_temp.demo_archivo_calendar, filled by the generator just before).
--
-- Every count is cumulative, from the file's assignment up to and including fecha_foto ("campaign to date"):
--   cuentas, clientes, deuda_asig  accounts / distinct clients / initial debt assigned to the file by fecha_foto
--   total_gestiones (not stored)   attempts on the file's clients (campaign_name = archivo) by fecha_foto
--   cuentas_gestionadas            accounts whose client had at least one attempt
--   cuentas_cd                     accounts whose client was reached directly (CONTACTO_DIRECTO) at least once
--   cuentas_ci                     accounts whose client was reached only indirectly (CONTACTO_INDIRECTO)
--   cuentas_sc                     accounts attempted but never reached: gestionadas - cd - ci
--   cuentas_sg                     accounts never attempted: cuentas - gestionadas
--   cuentas_pdp                    accounts whose client promised to pay at least once
--   recupero                       payments on the file's accounts (nro_documento = cuenta) by fecha_foto
--   deuda_act                      deuda_asig - recupero
-- Days are Lima days of timestamp_gestion. Rates follow pulso-reference.md, x100, and, as in the real mart,
-- NULL when dividing by 0 (NULLIF).
-- fecha_procesamiento is fecha_foto at 23:00, Lima wall-clock time without a zone (a BigQuery DATETIME), when the
-- nightly snapshot would have run.
--
-- How: each account's milestones (assigned, first attempted, first reached...) become dated events; a day's
-- figures are the sums of the file's events up to that day. This avoids joining every day with every account.
INSERT INTO bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas (
    fecha_foto, archivo, cartera, servicio, cuentas, clientes, deuda_asig, deuda_act, cuentas_gestionadas,
    cuentas_cd, cuentas_ci, cuentas_sc, cuentas_sg, cuentas_pdp, recupero, pct_cober, pct_contac, pct_cd, pct_ci,
    pct_conversion, pct_efectividad, pct_cierre, inten, fecha_procesamiento)
WITH calendar AS (
    SELECT c.archivo, c.cartera, c.servicio, c.desde + offs AS fecha_foto
    FROM pg_temp.demo_archivo_calendar c
    CROSS JOIN LATERAL generate_series(0, c.hasta - c.desde) AS offs
),
attempts AS (
    SELECT campaign_name AS archivo, cod_luna,
           CAST(timestamp_gestion AT TIME ZONE 'America/Lima' AS date) AS dia,
           contactabilidad, es_compromiso
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas
),
client_firsts AS (
    SELECT archivo, cod_luna,
           min(dia) AS primera_gestion,
           min(dia) FILTER (WHERE contactabilidad = 'CONTACTO_DIRECTO') AS primer_cd,
           min(dia) FILTER (WHERE contactabilidad = 'CONTACTO_INDIRECTO') AS primer_ci,
           min(dia) FILTER (WHERE es_compromiso) AS primera_pdp
    FROM attempts
    GROUP BY archivo, cod_luna
),
-- The day each account enters each count: never before its own assignment (greatest() skips NULLs, hence CASE).
account_milestones AS (
    SELECT a.archivo, a.fecha_asignacion_real AS asignada, a.deuda_inicial,
           CASE WHEN f.primera_gestion IS NOT NULL THEN greatest(a.fecha_asignacion_real, f.primera_gestion) END AS gestionada,
           CASE WHEN f.primer_cd IS NOT NULL THEN greatest(a.fecha_asignacion_real, f.primer_cd) END AS cd,
           CASE WHEN f.primer_ci IS NOT NULL THEN greatest(a.fecha_asignacion_real, f.primer_ci) END AS ci,
           CASE WHEN f.primera_pdp IS NOT NULL THEN greatest(a.fecha_asignacion_real, f.primera_pdp) END AS pdp
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean a
    LEFT JOIN client_firsts f ON f.archivo = a.archivo AND f.cod_luna = a.cod_luna
),
events AS (
    SELECT m.archivo, e.dia, e.kind, e.amount
    FROM account_milestones m
    CROSS JOIN LATERAL (VALUES
        (m.asignada, 'cuenta', CAST(1 AS numeric)),
        (m.asignada, 'deuda', m.deuda_inicial),
        (m.gestionada, 'gestionada', 1),
        (m.cd, 'cd', 1),
        (m.ci, 'ci', 1),
        -- reached indirectly first and directly later: leaves ci the day it enters cd
        (CASE WHEN m.ci IS NOT NULL AND m.cd IS NOT NULL THEN greatest(m.ci, m.cd) END, 'ci_to_cd', 1),
        (m.pdp, 'pdp', 1)) AS e(dia, kind, amount)
    WHERE e.dia IS NOT NULL
    UNION ALL
    SELECT archivo, min(fecha_asignacion_real), 'cliente', 1
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean
    GROUP BY archivo, cod_luna
    UNION ALL
    SELECT archivo, dia, 'intento', count(*)
    FROM attempts
    GROUP BY archivo, dia
    UNION ALL
    SELECT a.archivo, p.fecha_pago, 'pago', p.monto_cancelado
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_pagos_unicos p
    JOIN bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean a ON a.cuenta = p.nro_documento
),
daily AS (
    SELECT archivo, dia,
           coalesce(sum(amount) FILTER (WHERE kind = 'cuenta'), 0) AS cuentas,
           coalesce(sum(amount) FILTER (WHERE kind = 'cliente'), 0) AS clientes,
           coalesce(sum(amount) FILTER (WHERE kind = 'deuda'), 0) AS deuda,
           coalesce(sum(amount) FILTER (WHERE kind = 'gestionada'), 0) AS gestionadas,
           coalesce(sum(amount) FILTER (WHERE kind = 'cd'), 0) AS cd,
           coalesce(sum(amount) FILTER (WHERE kind = 'ci'), 0) - coalesce(sum(amount) FILTER (WHERE kind = 'ci_to_cd'), 0) AS ci,
           coalesce(sum(amount) FILTER (WHERE kind = 'pdp'), 0) AS pdp,
           coalesce(sum(amount) FILTER (WHERE kind = 'intento'), 0) AS intentos,
           coalesce(sum(amount) FILTER (WHERE kind = 'pago'), 0) AS pagos
    FROM events
    GROUP BY archivo, dia
),
to_date AS (
    SELECT c.fecha_foto, c.archivo, c.cartera, c.servicio,
           CAST(sum(d.cuentas) AS integer) AS cuentas,
           CAST(sum(d.clientes) AS integer) AS clientes,
           sum(d.deuda) AS deuda_asig,
           CAST(sum(d.gestionadas) AS integer) AS gestionadas,
           CAST(sum(d.cd) AS integer) AS cd,
           CAST(sum(d.ci) AS integer) AS ci,
           CAST(sum(d.pdp) AS integer) AS pdp,
           sum(d.intentos) AS total_gestiones,
           sum(d.pagos) AS recupero
    FROM calendar c
    JOIN daily d ON d.archivo = c.archivo AND d.dia <= c.fecha_foto
    GROUP BY c.fecha_foto, c.archivo, c.cartera, c.servicio
)
SELECT k.fecha_foto, k.archivo, k.cartera, k.servicio,
       k.cuentas, k.clientes, k.deuda_asig, k.deuda_asig - k.recupero,
       k.gestionadas, k.cd, k.ci, k.gestionadas - k.cd - k.ci, k.cuentas - k.gestionadas, k.pdp,
       k.recupero,
       CAST(k.gestionadas AS double precision) * 100 / NULLIF(k.cuentas, 0),
       CAST(k.cd AS double precision) * 100 / NULLIF(CAST(k.total_gestiones AS double precision), 0),
       CAST(k.cd AS double precision) * 100 / NULLIF(k.cuentas, 0),
       CAST(k.ci AS double precision) * 100 / NULLIF(k.cuentas, 0),
       CAST(k.pdp AS double precision) * 100 / NULLIF(k.cd, 0),
       CAST(k.pdp AS double precision) * 100 / NULLIF(k.gestionadas, 0),
       CAST(k.recupero AS double precision) * 100 / NULLIF(CAST(k.deuda_asig AS double precision), 0),
       CAST(k.total_gestiones AS double precision) / NULLIF(k.gestionadas, 0),
       k.fecha_foto + TIME '23:00'
FROM to_date k
ORDER BY k.fecha_foto, k.archivo
