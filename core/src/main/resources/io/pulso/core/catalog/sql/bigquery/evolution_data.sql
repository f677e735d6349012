-- evolution_data: the evolution columns of dashboard_cobranzas, filtered on fecha_foto by the window.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to.
-- The project, dataset and view-name prefix placeholders are identifiers filled from the configuration.
SELECT fecha_foto,
       archivo,
       cartera,
       servicio,
       CAST(pct_cober AS FLOAT64)              AS pct_cober,
       CAST(pct_contac AS FLOAT64)             AS pct_contac,
       CAST(pct_efectividad AS FLOAT64)        AS pct_efectividad,
       CAST(pct_cierre AS FLOAT64)             AS pct_cierre,
       CAST(recupero AS FLOAT64)               AS recupero,
       CAST(cuentas AS INT64)                  AS cuentas,
       fecha_procesamiento
FROM `{project}.{dataset}.{view_prefix}dashboard_cobranzas`
WHERE (@window_from IS NULL OR fecha_foto >= @window_from)
  AND (@window_to IS NULL OR fecha_foto <= @window_to)
