-- evolution_data: one row per (fecha_foto, archivo), the destination key, from the dashboard_cobranzas rows of that
-- day and file (the view has one per cartera/servicio pair; a file may span several), filtered on fecha_foto.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to.
-- The project, dataset and view-name prefix placeholders are identifiers filled from the configuration.
--   cuentas, recupero        sums over the pairs
--   pct_cober                sum(cuentas_gestionadas) / sum(cuentas) x100
--   pct_contac               sum(cuentas_cd) / sum(total_gestiones) x100; the view has no total_gestiones column,
--                            each row's is ROUND(inten x cuentas_gestionadas) (inten = total_gestiones / gestionadas)
--   pct_efectividad          sum(cuentas_pdp) / sum(cuentas_gestionadas) x100
--   pct_cierre               sum(recupero) / sum(deuda_asig) x100
--   (0 when dividing by 0; NULL measures count as 0)
--   cartera, servicio        the file's only cartera (servicio) that day, or 'VARIOS' when its rows have several
--   fecha_procesamiento      the latest of the rows (a Lima-time DATETIME in the view, see dashboard_data.sql)
WITH pairs AS (
    SELECT fecha_foto,
           archivo,
           cartera,
           servicio,
           IFNULL(cuentas, 0)                                                   AS cuentas,
           IFNULL(cuentas_gestionadas, 0)                                       AS gestionadas,
           IFNULL(cuentas_cd, 0)                                                AS cd,
           IFNULL(cuentas_pdp, 0)                                               AS pdp,
           ROUND(IFNULL(CAST(inten AS FLOAT64), 0) * IFNULL(cuentas_gestionadas, 0)) AS gestiones,
           recupero,
           deuda_asig,
           TIMESTAMP(fecha_procesamiento, 'America/Lima')                       AS procesado
    FROM `{project}.{dataset}.{view_prefix}dashboard_cobranzas`
    WHERE fecha_foto IS NOT NULL
      AND (@window_from IS NULL OR fecha_foto >= @window_from)
      AND (@window_to IS NULL OR fecha_foto <= @window_to)
)
SELECT fecha_foto,
       archivo,
       IF(COUNT(DISTINCT cartera) = 1, MAX(cartera), 'VARIOS')                             AS cartera,
       IF(COUNT(DISTINCT servicio) = 1, MAX(servicio), 'VARIOS')                           AS servicio,
       IFNULL(SAFE_DIVIDE(SUM(gestionadas) * 100, SUM(cuentas)), 0)                        AS pct_cober,
       IFNULL(SAFE_DIVIDE(SUM(cd) * 100, SUM(gestiones)), 0)                               AS pct_contac,
       IFNULL(SAFE_DIVIDE(SUM(pdp) * 100, SUM(gestionadas)), 0)                            AS pct_efectividad,
       IFNULL(SAFE_DIVIDE(CAST(SUM(recupero) AS FLOAT64) * 100, CAST(SUM(deuda_asig) AS FLOAT64)), 0) AS pct_cierre,
       IFNULL(CAST(SUM(recupero) AS FLOAT64), 0)                                           AS recupero,
       SUM(cuentas)                                                                        AS cuentas,
       MAX(procesado)                                                                      AS fecha_procesamiento
FROM pairs
GROUP BY fecha_foto, archivo
