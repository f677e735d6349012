-- evolution_data: one row per (fecha_foto, archivo), the destination key, from the dashboard_cobranzas rows of that
-- day and file (the view has one per cartera/servicio pair; a file may span several), filtered on fecha_foto.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to.
--   cuentas, recupero        sums over the pairs
--   pct_cober                sum(cuentas_gestionadas) / sum(cuentas) x100
--   pct_contac               sum(cuentas_cd) / sum(total_gestiones) x100; the view has no total_gestiones column,
--                            each row's is round(inten x cuentas_gestionadas) (inten = total_gestiones / gestionadas)
--   pct_efectividad          sum(cuentas_pdp) / sum(cuentas_gestionadas) x100
--   pct_cierre               sum(recupero) / sum(deuda_asig) x100
--   (0 when dividing by 0; NULL measures count as 0)
--   cartera, servicio        the file's only cartera (servicio) that day, or 'VARIOS' when its rows have several
--   fecha_procesamiento      the latest of the rows (a Lima-time timestamp in the view, see dashboard_data.sql)
-- Same arithmetic, in the same order, as the BigQuery dialect's file, so both give the same doubles.
WITH pairs AS (
    SELECT fecha_foto,
           archivo,
           cartera,
           servicio,
           coalesce(cuentas, 0)                                                             AS cuentas,
           coalesce(cuentas_gestionadas, 0)                                                 AS gestionadas,
           coalesce(cuentas_cd, 0)                                                          AS cd,
           coalesce(cuentas_pdp, 0)                                                         AS pdp,
           round(coalesce(CAST(inten AS double precision), 0) * coalesce(cuentas_gestionadas, 0)) AS gestiones,
           recupero,
           deuda_asig,
           fecha_procesamiento AT TIME ZONE 'America/Lima'                                  AS procesado
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas
    WHERE fecha_foto IS NOT NULL
      AND (CAST(:window_from AS date) IS NULL OR fecha_foto >= CAST(:window_from AS date))
      AND (CAST(:window_to AS date) IS NULL OR fecha_foto <= CAST(:window_to AS date))
)
SELECT fecha_foto,
       archivo,
       CAST(CASE WHEN count(DISTINCT cartera) = 1 THEN max(cartera) ELSE 'VARIOS' END AS varchar(50))   AS cartera,
       CAST(CASE WHEN count(DISTINCT servicio) = 1 THEN max(servicio) ELSE 'VARIOS' END AS varchar(20)) AS servicio,
       coalesce(CAST(sum(gestionadas) * 100 AS double precision)
                / NULLIF(CAST(sum(cuentas) AS double precision), 0), 0)                    AS pct_cober,
       coalesce(CAST(sum(cd) * 100 AS double precision) / NULLIF(sum(gestiones), 0), 0)   AS pct_contac,
       coalesce(CAST(sum(pdp) * 100 AS double precision)
                / NULLIF(CAST(sum(gestionadas) AS double precision), 0), 0)                AS pct_efectividad,
       coalesce(CAST(sum(recupero) AS double precision) * 100
                / NULLIF(CAST(sum(deuda_asig) AS double precision), 0), 0)                 AS pct_cierre,
       coalesce(CAST(sum(recupero) AS double precision), 0)                                AS recupero,
       CAST(sum(cuentas) AS integer)                                                       AS cuentas,
       max(procesado)                                                                      AS fecha_procesamiento
FROM pairs
GROUP BY fecha_foto, archivo
