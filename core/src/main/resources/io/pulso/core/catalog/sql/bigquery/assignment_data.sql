-- assignment_data: per (periodo = month of fecha_asignacion_real, archivo, cartera) the distinct accounts and
-- clients, the initial and current debt and the average initial debt per account.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to. Whole months are recomputed:
-- from the first day of @window_from's month to the last day of @window_to's month.
-- fecha_asignacion (max assignment date of the group) is the table's incremental column; fecha_procesamiento
-- is that date at midnight, Lima time.
-- A row without an assignment date has no periodo and is left out; a NULL archivo or cartera is grouped as
-- 'SIN_DATO' (key columns cannot be NULL).
WITH assigned AS (
    SELECT FORMAT_DATE('%Y-%m', fecha_asignacion_real) AS periodo,
           IFNULL(archivo, 'SIN_DATO')                 AS archivo_key,
           IFNULL(cartera, 'SIN_DATO')                 AS cartera_key,
           fecha_asignacion_real,
           cod_luna,
           cuenta,
           deuda_inicial,
           monto_exigible_diario
    FROM `{project}.{dataset}.{view_prefix}asignaciones_clean`
    WHERE fecha_asignacion_real IS NOT NULL
      AND (@window_from IS NULL OR fecha_asignacion_real >= DATE_TRUNC(@window_from, MONTH))
      AND (@window_to IS NULL
           OR fecha_asignacion_real < DATE_ADD(DATE_TRUNC(@window_to, MONTH), INTERVAL 1 MONTH))
)
SELECT periodo,
       archivo_key                                                             AS archivo,
       cartera_key                                                             AS cartera,
       COUNT(DISTINCT cod_luna)                                                AS clientes,
       COUNT(DISTINCT cuenta)                                                  AS cuentas,
       IFNULL(CAST(SUM(deuda_inicial) AS FLOAT64), 0)                          AS deuda_asig,
       IFNULL(CAST(SUM(monto_exigible_diario) AS FLOAT64), 0)                  AS deuda_actual,
       IFNULL(SAFE_DIVIDE(CAST(SUM(deuda_inicial) AS FLOAT64), COUNT(DISTINCT cuenta)), 0) AS ticket_promedio,
       TIMESTAMP(MAX(fecha_asignacion_real), 'America/Lima')                   AS fecha_procesamiento,
       MAX(fecha_asignacion_real)                                              AS fecha_asignacion
FROM assigned
GROUP BY periodo, archivo_key, cartera_key
