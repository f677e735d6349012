-- The five Pulso dashboard tables (pulso-reference.md). Column names are the dashboard's contract.
-- Every table carries fecha_procesamiento (when the source computed the row), created_at and updated_at.

CREATE TABLE dashboard_data (
    fecha_foto          date          NOT NULL,
    archivo             varchar(100)  NOT NULL,
    cartera             varchar(50)   NOT NULL,
    servicio            varchar(20)   NOT NULL,
    cuentas             integer       NOT NULL DEFAULT 0 CHECK (cuentas >= 0),
    clientes            integer       NOT NULL DEFAULT 0,
    deuda_asig          double precision NOT NULL DEFAULT 0 CHECK (deuda_asig >= 0),
    deuda_act           double precision NOT NULL DEFAULT 0,
    cuentas_gestionadas integer       NOT NULL DEFAULT 0,
    cuentas_cd          integer       NOT NULL DEFAULT 0,
    cuentas_ci          integer       NOT NULL DEFAULT 0,
    cuentas_sc          integer       NOT NULL DEFAULT 0,
    cuentas_sg          integer       NOT NULL DEFAULT 0,
    cuentas_pdp         integer       NOT NULL DEFAULT 0,
    recupero            double precision NOT NULL DEFAULT 0,
    pct_cober           double precision NOT NULL DEFAULT 0,
    pct_contac          double precision NOT NULL DEFAULT 0,
    pct_cd              double precision NOT NULL DEFAULT 0,
    pct_ci              double precision NOT NULL DEFAULT 0,
    pct_conversion      double precision NOT NULL DEFAULT 0,
    pct_efectividad     double precision NOT NULL DEFAULT 0,
    pct_cierre          double precision NOT NULL DEFAULT 0,
    inten               double precision NOT NULL DEFAULT 0,
    fecha_procesamiento timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT dashboard_data_pkey PRIMARY KEY (fecha_foto, archivo, cartera, servicio)
);
CREATE INDEX dashboard_data_fecha_foto_idx ON dashboard_data (fecha_foto DESC);
CREATE INDEX dashboard_data_cartera_idx ON dashboard_data (cartera);
CREATE INDEX dashboard_data_servicio_idx ON dashboard_data (servicio);

CREATE TABLE evolution_data (
    fecha_foto          date          NOT NULL,
    archivo             varchar(100)  NOT NULL,
    cartera             varchar(50),
    servicio            varchar(20),
    pct_cober           double precision NOT NULL DEFAULT 0,
    pct_contac          double precision NOT NULL DEFAULT 0,
    pct_efectividad     double precision NOT NULL DEFAULT 0,
    pct_cierre          double precision NOT NULL DEFAULT 0,
    recupero            double precision NOT NULL DEFAULT 0,
    cuentas             integer       NOT NULL DEFAULT 0 CHECK (cuentas >= 0),
    fecha_procesamiento timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT evolution_data_pkey PRIMARY KEY (fecha_foto, archivo)
);
CREATE INDEX evolution_data_fecha_foto_idx ON evolution_data (fecha_foto DESC);

CREATE TABLE assignment_data (
    periodo             varchar(7)    NOT NULL CHECK (periodo ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    archivo             varchar(100)  NOT NULL,
    cartera             varchar(50)   NOT NULL,
    clientes            integer       NOT NULL DEFAULT 0,
    cuentas             integer       NOT NULL DEFAULT 0 CHECK (cuentas >= 0),
    deuda_asig          double precision NOT NULL DEFAULT 0 CHECK (deuda_asig >= 0),
    deuda_actual        double precision NOT NULL DEFAULT 0,
    ticket_promedio     double precision NOT NULL DEFAULT 0,
    fecha_procesamiento timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT assignment_data_pkey PRIMARY KEY (periodo, archivo, cartera)
);
CREATE INDEX assignment_data_periodo_idx ON assignment_data (periodo);

CREATE TABLE operation_data (
    fecha_foto             date          NOT NULL,
    hora                   integer       NOT NULL CHECK (hora BETWEEN 0 AND 23),
    canal                  varchar(20)   NOT NULL,
    archivo                varchar(100)  NOT NULL DEFAULT 'GENERAL',
    total_gestiones        integer       NOT NULL DEFAULT 0,
    contactos_efectivos    integer       NOT NULL DEFAULT 0,
    contactos_no_efectivos integer       NOT NULL DEFAULT 0,
    total_pdp              integer       NOT NULL DEFAULT 0,
    tasa_contacto          double precision NOT NULL DEFAULT 0,
    tasa_conversion        double precision NOT NULL DEFAULT 0,
    fecha_procesamiento    timestamptz,
    created_at             timestamptz   NOT NULL DEFAULT now(),
    updated_at             timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT operation_data_pkey PRIMARY KEY (fecha_foto, hora, canal, archivo)
);
CREATE INDEX operation_data_fecha_foto_idx ON operation_data (fecha_foto DESC);
CREATE INDEX operation_data_canal_idx ON operation_data (canal);
CREATE INDEX operation_data_hora_idx ON operation_data (hora);

CREATE TABLE productivity_data (
    fecha_foto          date          NOT NULL,
    correo_agente       varchar(100)  NOT NULL,
    archivo             varchar(100)  NOT NULL DEFAULT 'GENERAL',
    total_gestiones     integer       NOT NULL DEFAULT 0,
    contactos_efectivos integer       NOT NULL DEFAULT 0,
    total_pdp           integer       NOT NULL DEFAULT 0,
    peso_total          integer       NOT NULL DEFAULT 0,
    tasa_contacto       double precision NOT NULL DEFAULT 0,
    tasa_conversion     double precision NOT NULL DEFAULT 0,
    score_productividad double precision NOT NULL DEFAULT 0,
    nombre_agente       varchar(200),
    dni_agente          varchar(20),
    equipo              varchar(100),
    fecha_procesamiento timestamptz,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT productivity_data_pkey PRIMARY KEY (fecha_foto, correo_agente, archivo)
);
CREATE INDEX productivity_data_fecha_foto_idx ON productivity_data (fecha_foto DESC);
CREATE INDEX productivity_data_correo_agente_idx ON productivity_data (correo_agente);
CREATE INDEX productivity_data_equipo_idx ON productivity_data (equipo);
