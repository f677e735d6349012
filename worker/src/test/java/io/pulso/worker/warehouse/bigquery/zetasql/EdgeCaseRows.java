package io.pulso.worker.warehouse.bigquery.zetasql;

import io.pulso.worker.warehouse.demo.DemoSourceSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * Source rows that real data has and the demo generator does not make, added to a generated demo warehouse:
 * an archivo spanning four cartera/servicio pairs (one with no accounts, one never attempted: NULL KPIs),
 * non-ASCII names, attempts at 23:xx and 00:xx Lima time on both sides of the window's first and last day, attempts
 * without an agent e-mail (NULL and empty) or without a canal, an agent whose name differs only in case, an
 * assignment without a cartera, and fecha_procesamiento values (zone-less Lima time) just after midnight.
 */
final class EdgeCaseRows {

    static final ZoneId LIMA = ZoneId.of("America/Lima");
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 25);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 3);
    static final String MULTI_PAIR_ARCHIVO = "CAMPAÑA_MÚLTIPLE_ÑANDÚ";
    static final String NEVER_ATTEMPTED_ARCHIVO = "ARCHIVO_SIN_GESTIÓN";
    static final String NIGHT_AGENT = "maria.nunez@pulso.test";
    static final String NIGHT_AGENT_NAME = "María José Núñez Peña";
    static final String CASE_AGENT = "ana.ibanez@pulso.test";

    private EdgeCaseRows() {
    }

    /** The mart's row for one pair; percentages NULL where the divisor is 0 (NULLIF), as the real mart has them. */
    private record Pair(String cartera, String servicio, int cuentas, int gestionadas, int cd, int ci, int pdp,
                        int gestiones, String deuda, String recupero, LocalDateTime procesado) {
    }

    static void addTo(DataSource warehouse) {
        try (Connection c = warehouse.getConnection()) {
            c.setAutoCommit(false);
            useALinguisticCollationForNames(c);
            addSnapshots(c);
            addAttempts(c);
            addAssignments(c);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add the edge-case rows: " + e.getMessage(), e);
        }
    }

    /**
     * Agent names under a linguistic collation (where the server has ICU), as a warehouse created with a non-C
     * locale has them: there 'ANA' sorts after 'Ana', in BigQuery (code points) before.
     */
    private static void useALinguisticCollationForNames(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'en-x-icu') THEN"
                    + " ALTER TABLE " + DemoSourceSchema.GESTIONES + " ALTER COLUMN nombre_agente TYPE varchar(200)"
                    + " COLLATE \"en-x-icu\"; END IF; END $$");
        }
    }

    private static void addSnapshots(Connection c) throws SQLException {
        LocalDate before = FIRST_DAY.minusDays(1);
        LocalDate after = LAST_DAY.plusDays(1);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + DemoSourceSchema.DASHBOARD_COBRANZAS
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            // The first day: four pairs, one without accounts, one never attempted; the latest written after midnight.
            snapshot(insert, FIRST_DAY, MULTI_PAIR_ARCHIVO, new Pair("TEMPRANA", "MOVIL", 120, 80, 30, 20, 12, 200,
                    "36000.50", "1000.25", FIRST_DAY.atTime(23, 30)));
            snapshot(insert, FIRST_DAY, MULTI_PAIR_ARCHIVO, new Pair("TEMPRANA", "FIJA", 50, 0, 0, 0, 0, 0,
                    "15000.00", "0.00", FIRST_DAY.atTime(23, 10)));
            snapshot(insert, FIRST_DAY, MULTI_PAIR_ARCHIVO, new Pair("ALTAS_NUEVAS", "MOVIL", 0, 0, 0, 0, 0, 0,
                    "0.00", "0.00", FIRST_DAY.plusDays(1).atTime(0, 20)));
            snapshot(insert, FIRST_DAY, MULTI_PAIR_ARCHIVO, new Pair("OTRAS", "FIJA", 30, 30, 10, 5, 4, 90,
                    "9000.10", "333.33", FIRST_DAY.atTime(22, 0)));
            // The last day: one cartera over two servicios.
            snapshot(insert, LAST_DAY, MULTI_PAIR_ARCHIVO, new Pair("TEMPRANA", "MOVIL", 130, 100, 45, 25, 20, 310,
                    "39000.75", "5200.40", LAST_DAY.atTime(23, 0)));
            snapshot(insert, LAST_DAY, MULTI_PAIR_ARCHIVO, new Pair("TEMPRANA", "FIJA", 55, 10, 3, 2, 1, 14,
                    "16500.00", "120.00", LAST_DAY.atTime(23, 0)));
            // Just outside the window.
            snapshot(insert, before, MULTI_PAIR_ARCHIVO, new Pair("TEMPRANA", "MOVIL", 110, 60, 20, 15, 8, 150,
                    "33000.00", "800.00", before.atTime(23, 59)));
            snapshot(insert, after, MULTI_PAIR_ARCHIVO, new Pair("TEMPRANA", "MOVIL", 130, 101, 46, 25, 21, 320,
                    "39000.75", "5300.40", after.atTime(0, 5)));
            // A single-pair file nobody worked yet: every rate but pct_cober, pct_cd, pct_ci is NULL.
            snapshot(insert, FIRST_DAY, NEVER_ATTEMPTED_ARCHIVO, new Pair("CUOTA_FRACCIONAMIENTO", "FIJA", 10, 0, 0, 0,
                    0, 0, "2500.00", "0.00", FIRST_DAY.atTime(23, 0)));
            insert.executeBatch();
        }
    }

    private static void snapshot(PreparedStatement insert, LocalDate day, String archivo, Pair p) throws SQLException {
        BigDecimal deuda = new BigDecimal(p.deuda());
        BigDecimal recupero = new BigDecimal(p.recupero());
        int i = 1;
        insert.setObject(i++, day);
        insert.setString(i++, archivo);
        insert.setString(i++, p.cartera());
        insert.setString(i++, p.servicio());
        insert.setInt(i++, p.cuentas());
        insert.setInt(i++, p.cuentas() - 3 < 0 ? 0 : p.cuentas() - 3);
        insert.setBigDecimal(i++, deuda);
        insert.setBigDecimal(i++, deuda.subtract(recupero));
        insert.setInt(i++, p.gestionadas());
        insert.setInt(i++, p.cd());
        insert.setInt(i++, p.ci());
        insert.setInt(i++, p.gestionadas() - p.cd() - p.ci());
        insert.setInt(i++, p.cuentas() - p.gestionadas());
        insert.setInt(i++, p.pdp());
        insert.setBigDecimal(i++, recupero);
        insert.setObject(i++, rate(p.gestionadas(), p.cuentas()));
        insert.setObject(i++, rate(p.cd(), p.gestiones()));
        insert.setObject(i++, rate(p.cd(), p.cuentas()));
        insert.setObject(i++, rate(p.ci(), p.cuentas()));
        insert.setObject(i++, rate(p.pdp(), p.cd()));
        insert.setObject(i++, rate(p.pdp(), p.gestionadas()));
        insert.setObject(i++, deuda.signum() == 0 ? null : recupero.doubleValue() * 100 / deuda.doubleValue());
        insert.setObject(i++, p.gestionadas() == 0 ? null : (double) p.gestiones() / p.gestionadas());
        insert.setObject(i, p.procesado());
        insert.addBatch();
    }

    private static Double rate(int part, int whole) {
        return whole == 0 ? null : part * 100.0 / whole;
    }

    private static void addAttempts(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + DemoSourceSchema.GESTIONES
                + " (cod_luna, fecha_gestion, timestamp_gestion, canal_origen, campaign_name, correo_agente,"
                + " nombre_agente, contactabilidad, es_contacto_efectivo, es_compromiso, peso_gestion)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            LocalDate before = FIRST_DAY.minusDays(1);
            LocalDate after = LAST_DAY.plusDays(1);
            // Around the window's edges, in Lima time: 23:59 the day before and 00:00 the day after are outside.
            attempt(insert, before.atTime(23, 59), "HUMANO", NIGHT_AGENT, NIGHT_AGENT_NAME, true, false);
            attempt(insert, FIRST_DAY.atTime(0, 0), "HUMANO", NIGHT_AGENT, NIGHT_AGENT_NAME, false, false);
            attempt(insert, FIRST_DAY.atTime(0, 30), "HUMANO", NIGHT_AGENT, NIGHT_AGENT_NAME, true, true);
            attempt(insert, LAST_DAY.atTime(23, 30), "HUMANO", NIGHT_AGENT, NIGHT_AGENT_NAME, false, false);
            attempt(insert, LAST_DAY.atTime(23, 59, 59), "HUMANO", NIGHT_AGENT, NIGHT_AGENT_NAME, true, false);
            attempt(insert, after.atTime(0, 0), "HUMANO", NIGHT_AGENT, NIGHT_AGENT_NAME, true, true);
            // One agent, two spellings on one day: the greatest in code-point order ('Ana…' > 'ANA…') wins.
            attempt(insert, FIRST_DAY.atTime(10, 0), "HUMANO", CASE_AGENT, "ANA IBÁÑEZ", true, false);
            attempt(insert, FIRST_DAY.atTime(11, 0), "HUMANO", CASE_AGENT, "Ana Ibáñez", false, false);
            // Attempts without an agent e-mail, and one without a canal.
            attempt(insert, FIRST_DAY.atTime(12, 0), "HUMANO", null, null, true, false);
            attempt(insert, FIRST_DAY.atTime(13, 0), "HUMANO", "", "", false, false);
            attempt(insert, FIRST_DAY.atTime(14, 0), null, null, null, true, true);
            insert.executeBatch();
        }
    }

    private static void attempt(PreparedStatement insert, LocalDateTime limaTime, String canal, String correo,
                                String nombre, boolean efectivo, boolean compromiso) throws SQLException {
        OffsetDateTime at = limaTime.atZone(LIMA).toOffsetDateTime();
        int i = 1;
        insert.setString(i++, "EDGE-0001");
        insert.setObject(i++, limaTime.toLocalDate());
        insert.setObject(i++, at);
        insert.setString(i++, canal);
        insert.setString(i++, MULTI_PAIR_ARCHIVO);
        insert.setString(i++, correo);
        insert.setString(i++, nombre);
        insert.setString(i++, efectivo ? "CONTACTO_DIRECTO" : "SIN_CONTACTO");
        insert.setBoolean(i++, efectivo);
        insert.setBoolean(i++, compromiso);
        insert.setLong(i, compromiso ? 5 : efectivo ? 3 : 1);
        insert.addBatch();
    }

    private static void addAssignments(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + DemoSourceSchema.ASIGNACIONES
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            assignment(insert, LocalDate.of(2026, 9, 30), "TEMPRANA", "EDGE-0001", "EDGE-C-1", "1200.10", "1100.10");
            assignment(insert, LocalDate.of(2026, 10, 1), "TEMPRANA", "EDGE-0002", "EDGE-C-2", "850.00", "850.00");
            assignment(insert, LocalDate.of(2026, 10, 1), null, "EDGE-0003", "EDGE-C-3", "0.00", "0.00");
            insert.executeBatch();
        }
    }

    private static void assignment(PreparedStatement insert, LocalDate day, String cartera, String cliente,
                                   String cuenta, String deuda, String actual) throws SQLException {
        int i = 1;
        insert.setString(i++, MULTI_PAIR_ARCHIVO);
        insert.setObject(i++, day);
        insert.setString(i++, cartera);
        insert.setString(i++, "MOVIL");
        insert.setString(i++, cliente);
        insert.setString(i++, cuenta);
        insert.setBigDecimal(i++, new BigDecimal(deuda));
        insert.setBigDecimal(i++, new BigDecimal(actual));
        insert.setString(i, "ACTIVO");
        insert.addBatch();
    }
}
