-- dashboard_data: a projection of dashboard_cobranzas, filtered on fecha_foto by the window. The view's grain,
-- (fecha_foto, archivo, cartera, servicio), is the destination key.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to.
-- The project, dataset and view-name prefix placeholders are identifiers filled from the configuration.
-- NULL measures load as 0: the mart computes every percentage with NULLIF(..., 0), so a division by zero is NULL
-- in the view, and the destination columns are NOT NULL DEFAULT 0 (the dashboard reads numbers).
-- fecha_procesamiento is a zone-less DATETIME in the view, written in Lima time (the mart runs in America/Lima):
-- it becomes the instant it names there.
SELECT fecha_foto,
       archivo,
       cartera,
       servicio,
       CAST(IFNULL(cuentas, 0) AS INT64)                  AS cuentas,
       CAST(IFNULL(clientes, 0) AS INT64)                 AS clientes,
       IFNULL(CAST(deuda_asig AS FLOAT64), 0)             AS deuda_asig,
       IFNULL(CAST(deuda_act AS FLOAT64), 0)              AS deuda_act,
       CAST(IFNULL(cuentas_gestionadas, 0) AS INT64)      AS cuentas_gestionadas,
       CAST(IFNULL(cuentas_cd, 0) AS INT64)               AS cuentas_cd,
       CAST(IFNULL(cuentas_ci, 0) AS INT64)               AS cuentas_ci,
       CAST(IFNULL(cuentas_sc, 0) AS INT64)               AS cuentas_sc,
       CAST(IFNULL(cuentas_sg, 0) AS INT64)               AS cuentas_sg,
       CAST(IFNULL(cuentas_pdp, 0) AS INT64)              AS cuentas_pdp,
       IFNULL(CAST(recupero AS FLOAT64), 0)               AS recupero,
       IFNULL(CAST(pct_cober AS FLOAT64), 0)              AS pct_cober,
       IFNULL(CAST(pct_contac AS FLOAT64), 0)             AS pct_contac,
       IFNULL(CAST(pct_cd AS FLOAT64), 0)                 AS pct_cd,
       IFNULL(CAST(pct_ci AS FLOAT64), 0)                 AS pct_ci,
       IFNULL(CAST(pct_conversion AS FLOAT64), 0)         AS pct_conversion,
       IFNULL(CAST(pct_efectividad AS FLOAT64), 0)        AS pct_efectividad,
       IFNULL(CAST(pct_cierre AS FLOAT64), 0)             AS pct_cierre,
       IFNULL(CAST(inten AS FLOAT64), 0)                  AS inten,
       TIMESTAMP(fecha_procesamiento, 'America/Lima')     AS fecha_procesamiento
FROM `{project}.{dataset}.{view_prefix}dashboard_cobranzas`
WHERE fecha_foto IS NOT NULL
  AND (@window_from IS NULL OR fecha_foto >= @window_from)
  AND (@window_to IS NULL OR fecha_foto <= @window_to)
