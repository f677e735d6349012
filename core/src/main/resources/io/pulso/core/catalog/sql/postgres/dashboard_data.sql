-- dashboard_data: a projection of dashboard_cobranzas, filtered on fecha_foto by the window. The view's grain,
-- (fecha_foto, archivo, cartera, servicio), is the destination key.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to.
-- NULL measures load as 0: the mart computes every percentage with NULLIF(..., 0), so a division by zero is NULL
-- in the view, and the destination columns are NOT NULL DEFAULT 0 (the dashboard reads numbers).
-- fecha_procesamiento is a zone-less timestamp in the view (BigQuery DATETIME), written in Lima time: it becomes
-- the instant it names there.
SELECT fecha_foto,
       archivo,
       cartera,
       servicio,
       CAST(coalesce(cuentas, 0) AS integer)                  AS cuentas,
       CAST(coalesce(clientes, 0) AS integer)                 AS clientes,
       coalesce(CAST(deuda_asig AS double precision), 0)      AS deuda_asig,
       coalesce(CAST(deuda_act AS double precision), 0)       AS deuda_act,
       CAST(coalesce(cuentas_gestionadas, 0) AS integer)      AS cuentas_gestionadas,
       CAST(coalesce(cuentas_cd, 0) AS integer)               AS cuentas_cd,
       CAST(coalesce(cuentas_ci, 0) AS integer)               AS cuentas_ci,
       CAST(coalesce(cuentas_sc, 0) AS integer)               AS cuentas_sc,
       CAST(coalesce(cuentas_sg, 0) AS integer)               AS cuentas_sg,
       CAST(coalesce(cuentas_pdp, 0) AS integer)              AS cuentas_pdp,
       coalesce(CAST(recupero AS double precision), 0)        AS recupero,
       coalesce(CAST(pct_cober AS double precision), 0)       AS pct_cober,
       coalesce(CAST(pct_contac AS double precision), 0)      AS pct_contac,
       coalesce(CAST(pct_cd AS double precision), 0)          AS pct_cd,
       coalesce(CAST(pct_ci AS double precision), 0)          AS pct_ci,
       coalesce(CAST(pct_conversion AS double precision), 0)  AS pct_conversion,
       coalesce(CAST(pct_efectividad AS double precision), 0) AS pct_efectividad,
       coalesce(CAST(pct_cierre AS double precision), 0)      AS pct_cierre,
       coalesce(CAST(inten AS double precision), 0)           AS inten,
       fecha_procesamiento AT TIME ZONE 'America/Lima'        AS fecha_procesamiento
FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas
WHERE fecha_foto IS NOT NULL
  AND (CAST(:window_from AS date) IS NULL OR fecha_foto >= CAST(:window_from AS date))
  AND (CAST(:window_to AS date) IS NULL OR fecha_foto <= CAST(:window_to AS date))
