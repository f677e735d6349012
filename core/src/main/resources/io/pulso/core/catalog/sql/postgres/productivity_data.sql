-- productivity_data: per (Lima date of the attempt, correo_agente) over all files ('GENERAL'), the attempts that
-- carry an agent e-mail (the bot has its own address and is named SISTEMA_BOT): attempts, effective contacts,
-- promises, the sum of peso_gestion, the rates x100 (0 when dividing by 0) and
-- score = 0.4 * attempts + 0.35 * effective contacts + 0.25 * promises, computed as one division of whole numbers
-- (40 a + 35 c + 25 p) / 100 so that both dialects round it once, to the same double.
-- nombre_agente is the greatest of the agent's names that day in code-point order (COLLATE "C", BigQuery's
-- string order), whatever the database's collation.
-- The source has no DNI or team for agents: dni_agente and equipo are NULL.
-- Parameters (SQL dates, inclusive, NULL = open bound): :window_from, :window_to, on the Lima date of
-- timestamp_gestion. fecha_procesamiento is the agent's latest attempt of the day.
WITH attempts AS (
    SELECT timestamp_gestion,
           CAST(timestamp_gestion AT TIME ZONE 'America/Lima' AS date) AS fecha_foto,
           correo_agente,
           nombre_agente,
           coalesce(es_contacto_efectivo, false)                      AS efectivo,
           coalesce(es_compromiso, false)                             AS compromiso,
           coalesce(peso_gestion, 0)                                  AS peso
    FROM bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas
    WHERE timestamp_gestion IS NOT NULL AND correo_agente IS NOT NULL AND correo_agente <> ''
      AND (CAST(:window_from AS date) IS NULL
           OR timestamp_gestion >= CAST(CAST(:window_from AS date) AS timestamp) AT TIME ZONE 'America/Lima')
      AND (CAST(:window_to AS date) IS NULL
           OR timestamp_gestion < CAST(CAST(:window_to AS date) + 1 AS timestamp) AT TIME ZONE 'America/Lima')
),
per_agent AS (
    SELECT fecha_foto,
           correo_agente,
           count(*)                                AS gestiones,
           count(*) FILTER (WHERE efectivo)        AS contactos,
           count(*) FILTER (WHERE compromiso)      AS pdp,
           sum(peso)                               AS peso_total,
           max(nombre_agente COLLATE "C")          AS nombre_agente,
           max(timestamp_gestion)                  AS fecha_procesamiento
    FROM attempts
    GROUP BY fecha_foto, correo_agente
)
SELECT fecha_foto,
       CAST(correo_agente AS varchar(100))                                        AS correo_agente,
       CAST('GENERAL' AS varchar(100))                                            AS archivo,
       CAST(gestiones AS integer)                                                 AS total_gestiones,
       CAST(contactos AS integer)                                                 AS contactos_efectivos,
       CAST(pdp AS integer)                                                       AS total_pdp,
       CAST(peso_total AS integer)                                                AS peso_total,
       CASE WHEN gestiones = 0 THEN CAST(0 AS double precision)
            ELSE CAST(contactos AS double precision) * 100 / gestiones END        AS tasa_contacto,
       CASE WHEN contactos = 0 THEN CAST(0 AS double precision)
            ELSE CAST(pdp AS double precision) * 100 / contactos END              AS tasa_conversion,
       CAST(40 * gestiones + 35 * contactos + 25 * pdp AS double precision) / 100 AS score_productividad,
       CAST(nombre_agente AS varchar(200))                                        AS nombre_agente,
       CAST(NULL AS varchar(20))                                                  AS dni_agente,
       CAST(NULL AS varchar(100))                                                 AS equipo,
       fecha_procesamiento
FROM per_agent
