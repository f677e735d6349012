-- operation_data: per (Lima date of the attempt, Lima hour, canal_origen) over all files ('GENERAL'): attempts,
-- effective contacts, the rest, promises, and the rates x100 (0 when dividing by 0).
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to, on the Lima date of
-- timestamp_gestion; written as a range on the timestamp so partition pruning applies.
-- fecha_procesamiento is the latest attempt of the group. An attempt without a timestamp has no day or hour and is
-- left out; a NULL canal_origen is grouped as 'SIN_DATO' (the key column cannot be NULL).
WITH attempts AS (
    SELECT timestamp_gestion,
           DATETIME(timestamp_gestion, 'America/Lima') AS lima_time,
           IFNULL(canal_origen, 'SIN_DATO')            AS canal_origen,
           COALESCE(es_contacto_efectivo, FALSE)       AS efectivo,
           COALESCE(es_compromiso, FALSE)              AS compromiso
    FROM `{project}.{dataset}.{view_prefix}gestiones_unificadas`
    WHERE timestamp_gestion IS NOT NULL
      AND (@window_from IS NULL OR timestamp_gestion >= TIMESTAMP(@window_from, 'America/Lima'))
      AND (@window_to IS NULL
           OR timestamp_gestion < TIMESTAMP(DATE_ADD(@window_to, INTERVAL 1 DAY), 'America/Lima'))
)
SELECT DATE(lima_time)                                              AS fecha_foto,
       EXTRACT(HOUR FROM lima_time)                                 AS hora,
       canal_origen                                                 AS canal,
       'GENERAL'                                                    AS archivo,
       COUNT(*)                                                     AS total_gestiones,
       COUNTIF(efectivo)                                            AS contactos_efectivos,
       COUNTIF(NOT efectivo)                                        AS contactos_no_efectivos,
       COUNTIF(compromiso)                                          AS total_pdp,
       IF(COUNT(*) = 0, CAST(0 AS FLOAT64), COUNTIF(efectivo) * 100 / COUNT(*))               AS tasa_contacto,
       IF(COUNTIF(efectivo) = 0, CAST(0 AS FLOAT64), COUNTIF(compromiso) * 100 / COUNTIF(efectivo)) AS tasa_conversion,
       MAX(timestamp_gestion)                                       AS fecha_procesamiento
FROM attempts
GROUP BY fecha_foto, hora, canal
