-- dashboard_data: a projection of dashboard_cobranzas, filtered on fecha_foto by the window.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to.
SELECT fecha_foto,
       archivo,
       cartera,
       servicio,
       CAST(cuentas AS integer)                     AS cuentas,
       CAST(clientes AS integer)                    AS clientes,
       CAST(deuda_asig AS double precision)         AS deuda_asig,
       CAST(deuda_act AS double precision)          AS deuda_act,
       CAST(cuentas_gestionadas AS integer)         AS cuentas_gestionadas,
       CAST(cuentas_cd AS integer)                  AS cuentas_cd,
       CAST(cuentas_ci AS integer)                  AS cuentas_ci,
       CAST(cuentas_sc AS integer)                  AS cuentas_sc,
       CAST(cuentas_sg AS integer)                  AS cuentas_sg,
       CAST(cuentas_pdp AS integer)                 AS cuentas_pdp,
       CAST(recupero AS double precision)           AS recupero,
       CAST(pct_cober AS double precision)          AS pct_cober,
       CAST(pct_contac AS double precision)         AS pct_contac,
       CAST(pct_cd AS double precision)             AS pct_cd,
       CAST(pct_ci AS double precision)             AS pct_ci,
       CAST(pct_conversion AS double precision)     AS pct_conversion,
       CAST(pct_efectividad AS double precision)    AS pct_efectividad,
       CAST(pct_cierre AS double precision)         AS pct_cierre,
       CAST(inten AS double precision)              AS inten,
       fecha_procesamiento
FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas
WHERE (CAST(:window_from AS date) IS NULL OR fecha_foto >= CAST(:window_from AS date))
  AND (CAST(:window_to AS date) IS NULL OR fecha_foto <= CAST(:window_to AS date))
