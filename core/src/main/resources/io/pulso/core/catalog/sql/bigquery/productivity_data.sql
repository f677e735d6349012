-- productivity_data: per (Lima date of the attempt, correo_agente) over all files ('GENERAL'), the attempts that
-- carry an agent e-mail (the bot has its own address and is named SISTEMA_BOT): attempts, effective contacts,
-- promises, the sum of peso_gestion, the rates x100 (0 when dividing by 0) and
-- score = 0.4 * attempts + 0.35 * effective contacts + 0.25 * promises, computed as one division of whole numbers
-- (40 a + 35 c + 25 p) / 100 so that both dialects round it once, to the same double.
-- nombre_agente is the greatest of the agent's names that day in code-point order (BigQuery's string order).
-- The source has no DNI or team for agents: dni_agente and equipo are NULL.
-- Parameters (DATE, inclusive, NULL = open bound): @window_from, @window_to, on the Lima date of
-- timestamp_gestion. fecha_procesamiento is the agent's latest attempt of the day.
WITH attempts AS (
    SELECT timestamp_gestion,
           DATE(timestamp_gestion, 'America/Lima') AS fecha_foto,
           correo_agente,
           nombre_agente,
           COALESCE(es_contacto_efectivo, FALSE)   AS efectivo,
           COALESCE(es_compromiso, FALSE)          AS compromiso,
           COALESCE(peso_gestion, 0)               AS peso
    FROM `{project}.{dataset}.{view_prefix}gestiones_unificadas`
    WHERE timestamp_gestion IS NOT NULL AND correo_agente IS NOT NULL AND correo_agente <> ''
      AND (@window_from IS NULL OR timestamp_gestion >= TIMESTAMP(@window_from, 'America/Lima'))
      AND (@window_to IS NULL
           OR timestamp_gestion < TIMESTAMP(DATE_ADD(@window_to, INTERVAL 1 DAY), 'America/Lima'))
),
per_agent AS (
    SELECT fecha_foto,
           correo_agente,
           COUNT(*)               AS gestiones,
           COUNTIF(efectivo)      AS contactos,
           COUNTIF(compromiso)    AS pdp,
           SUM(peso)              AS peso_total,
           MAX(nombre_agente)     AS nombre_agente,
           MAX(timestamp_gestion) AS fecha_procesamiento
    FROM attempts
    GROUP BY fecha_foto, correo_agente
)
SELECT fecha_foto,
       correo_agente,
       'GENERAL'                                                                    AS archivo,
       gestiones                                                                    AS total_gestiones,
       contactos                                                                    AS contactos_efectivos,
       pdp                                                                          AS total_pdp,
       peso_total,
       IF(gestiones = 0, CAST(0 AS FLOAT64), contactos * 100 / gestiones)           AS tasa_contacto,
       IF(contactos = 0, CAST(0 AS FLOAT64), pdp * 100 / contactos)                 AS tasa_conversion,
       (40 * gestiones + 35 * contactos + 25 * pdp) / 100                           AS score_productividad,
       nombre_agente,
       CAST(NULL AS STRING)                                                         AS dni_agente,
       CAST(NULL AS STRING)                                                         AS equipo,
       fecha_procesamiento
FROM per_agent
