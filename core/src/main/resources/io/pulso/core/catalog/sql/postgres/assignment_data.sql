-- assignment_data: per (periodo = month of fecha_asignacion_real, archivo, cartera) the distinct accounts and
-- clients, the initial and current debt and the average initial debt per account.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to. Whole months are recomputed:
-- from the first day of :window_from's month to the last day of :window_to's month.
-- fecha_asignacion (max assignment date of the group) is the table's incremental column; fecha_procesamiento
-- is that date at midnight, Lima time.
-- A row without an assignment date has no periodo and is left out; a NULL archivo or cartera is grouped as
-- 'SIN_DATO' (key columns cannot be NULL).
WITH assigned AS (
    SELECT to_char(fecha_asignacion_real, 'YYYY-MM') AS periodo,
           coalesce(archivo, 'SIN_DATO')             AS archivo_key,
           coalesce(cartera, 'SIN_DATO')             AS cartera_key,
           fecha_asignacion_real,
           cod_luna,
           cuenta,
           deuda_inicial,
           monto_exigible_diario
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean
    WHERE fecha_asignacion_real IS NOT NULL
      AND (CAST(:window_from AS date) IS NULL
           OR fecha_asignacion_real >= make_date(CAST(extract(year FROM CAST(:window_from AS date)) AS integer),
                                                 CAST(extract(month FROM CAST(:window_from AS date)) AS integer), 1))
      AND (CAST(:window_to AS date) IS NULL
           OR fecha_asignacion_real < make_date(CAST(extract(year FROM CAST(:window_to AS date)) AS integer),
                                                CAST(extract(month FROM CAST(:window_to AS date)) AS integer), 1)
                                      + INTERVAL '1 month')
)
SELECT periodo,
       CAST(archivo_key AS varchar(100))                                            AS archivo,
       CAST(cartera_key AS varchar(50))                                             AS cartera,
       CAST(count(DISTINCT cod_luna) AS integer)                                    AS clientes,
       CAST(count(DISTINCT cuenta) AS integer)                                      AS cuentas,
       coalesce(CAST(sum(deuda_inicial) AS double precision), 0)                    AS deuda_asig,
       coalesce(CAST(sum(monto_exigible_diario) AS double precision), 0)            AS deuda_actual,
       coalesce(CAST(sum(deuda_inicial) AS double precision)
                / NULLIF(count(DISTINCT cuenta), 0), 0)                             AS ticket_promedio,
       CAST(max(fecha_asignacion_real) AS timestamp) AT TIME ZONE 'America/Lima'    AS fecha_procesamiento,
       max(fecha_asignacion_real)                                                   AS fecha_asignacion
FROM assigned
GROUP BY periodo, archivo_key, cartera_key
