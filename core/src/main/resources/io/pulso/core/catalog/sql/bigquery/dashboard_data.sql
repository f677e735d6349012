-- dashboard_data: a projection of dashboard_cobranzas, filtered on fecha_foto by the window.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to.
-- The project, dataset and view-name prefix placeholders are identifiers filled from the configuration.
SELECT fecha_foto,
       archivo,
       cartera,
       servicio,
       CAST(cuentas AS INT64)                  AS cuentas,
       CAST(clientes AS INT64)                 AS clientes,
       CAST(deuda_asig AS FLOAT64)             AS deuda_asig,
       CAST(deuda_act AS FLOAT64)              AS deuda_act,
       CAST(cuentas_gestionadas AS INT64)      AS cuentas_gestionadas,
       CAST(cuentas_cd AS INT64)               AS cuentas_cd,
       CAST(cuentas_ci AS INT64)               AS cuentas_ci,
       CAST(cuentas_sc AS INT64)               AS cuentas_sc,
       CAST(cuentas_sg AS INT64)               AS cuentas_sg,
       CAST(cuentas_pdp AS INT64)              AS cuentas_pdp,
       CAST(recupero AS FLOAT64)               AS recupero,
       CAST(pct_cober AS FLOAT64)              AS pct_cober,
       CAST(pct_contac AS FLOAT64)             AS pct_contac,
       CAST(pct_cd AS FLOAT64)                 AS pct_cd,
       CAST(pct_ci AS FLOAT64)                 AS pct_ci,
       CAST(pct_conversion AS FLOAT64)         AS pct_conversion,
       CAST(pct_efectividad AS FLOAT64)        AS pct_efectividad,
       CAST(pct_cierre AS FLOAT64)             AS pct_cierre,
       CAST(inten AS FLOAT64)                  AS inten,
       fecha_procesamiento
FROM `{project}.{dataset}.{view_prefix}dashboard_cobranzas`
WHERE (@window_from IS NULL OR fecha_foto >= @window_from)
  AND (@window_to IS NULL OR fecha_foto <= @window_to)
