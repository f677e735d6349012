-- operation_data: per (Lima date of the attempt, Lima hour, canal_origen) over all files ('GENERAL'): attempts,
-- effective contacts, the rest, promises, and the rates x100 (0 when dividing by 0).
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to, on the Lima date of
-- timestamp_gestion; written as a range on the timestamp so its index applies.
-- fecha_procesamiento is the latest attempt of the group. An attempt without a timestamp has no day or hour and is
-- left out; a NULL canal_origen is grouped as 'SIN_DATO' (the key column cannot be NULL).
WITH attempts AS (
    SELECT timestamp_gestion,
           timestamp_gestion AT TIME ZONE 'America/Lima' AS lima_time,
           coalesce(canal_origen, 'SIN_DATO')            AS canal_origen,
           coalesce(es_contacto_efectivo, false)         AS efectivo,
           coalesce(es_compromiso, false)                AS compromiso
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas
    WHERE timestamp_gestion IS NOT NULL
      AND (CAST(:window_from AS date) IS NULL
           OR timestamp_gestion >= CAST(CAST(:window_from AS date) AS timestamp) AT TIME ZONE 'America/Lima')
      AND (CAST(:window_to AS date) IS NULL
           OR timestamp_gestion < CAST(CAST(:window_to AS date) + 1 AS timestamp) AT TIME ZONE 'America/Lima')
)
SELECT CAST(lima_time AS date)                                     AS fecha_foto,
       CAST(extract(hour FROM lima_time) AS integer)               AS hora,
       CAST(canal_origen AS varchar(20))                           AS canal,
       CAST('GENERAL' AS varchar(100))                             AS archivo,
       CAST(count(*) AS integer)                                   AS total_gestiones,
       CAST(count(*) FILTER (WHERE efectivo) AS integer)           AS contactos_efectivos,
       CAST(count(*) FILTER (WHERE NOT efectivo) AS integer)       AS contactos_no_efectivos,
       CAST(count(*) FILTER (WHERE compromiso) AS integer)         AS total_pdp,
       CASE WHEN count(*) = 0 THEN CAST(0 AS double precision)
            ELSE CAST(count(*) FILTER (WHERE efectivo) AS double precision) * 100 / count(*) END AS tasa_contacto,
       CASE WHEN count(*) FILTER (WHERE efectivo) = 0 THEN CAST(0 AS double precision)
            ELSE CAST(count(*) FILTER (WHERE compromiso) AS double precision) * 100
                 / count(*) FILTER (WHERE efectivo) END                                        AS tasa_conversion,
       max(timestamp_gestion)                                      AS fecha_procesamiento
FROM attempts
GROUP BY CAST(lima_time AS date), CAST(extract(hour FROM lima_time) AS integer), canal_origen
