-- assignment_data: per (periodo = month of fecha_asignacion_real, archivo, cartera) the distinct accounts and
-- clients, the initial and current debt and the average initial debt per account.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to. Whole months are recomputed:
-- from the first day of @window_from's month to the last day of @window_to's month.
-- fecha_asignacion (max assignment date of the group) is the table's incremental column; fecha_procesamiento
-- is that date at midnight, Lima time.
SELECT FORMAT_DATE('%Y-%m', fecha_asignacion_real)                             AS periodo,
       archivo,
       cartera,
       COUNT(DISTINCT cod_luna)                                                AS clientes,
       COUNT(DISTINCT cuenta)                                                  AS cuentas,
       CAST(SUM(deuda_inicial) AS FLOAT64)                                     AS deuda_asig,
       CAST(SUM(monto_exigible_diario) AS FLOAT64)                             AS deuda_actual,
       IF(COUNT(DISTINCT cuenta) = 0, CAST(0 AS FLOAT64),
          CAST(SUM(deuda_inicial) AS FLOAT64) / COUNT(DISTINCT cuenta))        AS ticket_promedio,
       TIMESTAMP(MAX(fecha_asignacion_real), 'America/Lima')                   AS fecha_procesamiento,
       MAX(fecha_asignacion_real)                                              AS fecha_asignacion
FROM `{project}.{dataset}.{view_prefix}asignaciones_clean`
WHERE (@window_from IS NULL OR fecha_asignacion_real >= DATE_TRUNC(@window_from, MONTH))
  AND (@window_to IS NULL
       OR fecha_asignacion_real < DATE_ADD(DATE_TRUNC(@window_to, MONTH), INTERVAL 1 MONTH))
GROUP BY periodo, archivo, cartera
