-- evolution_data: the evolution columns of dashboard_cobranzas, filtered on fecha_foto by the window.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to.
SELECT fecha_foto,
       archivo,
       cartera,
       servicio,
       CAST(pct_cober AS double precision)          AS pct_cober,
       CAST(pct_contac AS double precision)         AS pct_contac,
       CAST(pct_efectividad AS double precision)    AS pct_efectividad,
       CAST(pct_cierre AS double precision)         AS pct_cierre,
       CAST(recupero AS double precision)           AS recupero,
       CAST(cuentas AS integer)                     AS cuentas,
       fecha_procesamiento
FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas
WHERE (CAST(:window_from AS date) IS NULL OR fecha_foto >= CAST(:window_from AS date))
  AND (CAST(:window_to AS date) IS NULL OR fecha_foto <= CAST(:window_to AS date))
