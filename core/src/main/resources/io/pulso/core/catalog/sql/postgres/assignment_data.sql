-- assignment_data: per (periodo = month of fecha_asignacion_real, archivo, cartera) the distinct accounts and
-- clients, the initial and current debt and the average initial debt per account.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to. Whole months are recomputed:
-- from the first day of :window_from's month to the last day of :window_to's month.
-- fecha_asignacion (max assignment date of the group) is the table's incremental column; fecha_procesamiento
-- is that date at midnight, Lima time.
SELECT to_char(fecha_asignacion_real, 'YYYY-MM')                                    AS periodo,
       archivo,
       cartera,
       CAST(count(DISTINCT cod_luna) AS integer)                                     AS clientes,
       CAST(count(DISTINCT cuenta) AS integer)                                       AS cuentas,
       CAST(sum(deuda_inicial) AS double precision)                                  AS deuda_asig,
       CAST(sum(monto_exigible_diario) AS double precision)                          AS deuda_actual,
       CASE WHEN count(DISTINCT cuenta) = 0 THEN CAST(0 AS double precision)
            ELSE CAST(sum(deuda_inicial) AS double precision) / count(DISTINCT cuenta) END AS ticket_promedio,
       CAST(max(fecha_asignacion_real) AS timestamp) AT TIME ZONE 'America/Lima'     AS fecha_procesamiento,
       max(fecha_asignacion_real)                                                    AS fecha_asignacion
FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean
WHERE (CAST(:window_from AS date) IS NULL
       OR fecha_asignacion_real >= make_date(CAST(extract(year FROM CAST(:window_from AS date)) AS integer),
                                             CAST(extract(month FROM CAST(:window_from AS date)) AS integer), 1))
  AND (CAST(:window_to AS date) IS NULL
       OR fecha_asignacion_real < make_date(CAST(extract(year FROM CAST(:window_to AS date)) AS integer),
                                            CAST(extract(month FROM CAST(:window_to AS date)) AS integer), 1)
                                  + INTERVAL '1 month')
GROUP BY to_char(fecha_asignacion_real, 'YYYY-MM'), archivo, cartera
