package io.pulso.worker.warehouse.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** The demo warehouse's tables: the four source views of pulso-reference.md, and the result store. */
public final class DemoSourceSchema {

    public static final String ASIGNACIONES = "bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean";
    public static final String GESTIONES = "bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_gestiones_unificadas";
    public static final String PAGOS = "bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_pagos_unicos";
    public static final String DASHBOARD_COBRANZAS = "bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_dashboard_cobranzas";

    /** The source tables in the order they are filled. */
    public static final List<String> SOURCE_TABLES = List.of(ASIGNACIONES, GESTIONES, PAGOS, DASHBOARD_COBRANZAS);

    public static final String RESULT_SCHEMA = "etl_results";
    public static final String MANIFEST = RESULT_SCHEMA + ".manifest";

    /** Serialises concurrent schema set-ups: parallel CREATE ... IF NOT EXISTS can still collide in the catalog. */
    private static final long SCHEMA_LOCK = 0x5075_6C73_6F53_4348L;

    private DemoSourceSchema() {
    }

    /** Creates whatever is missing; safe to call any number of times, also concurrently. */
    public static void apply(DataSource warehouse) {
        String script = resource("source-schema.sql");
        try (Connection c = warehouse.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
                s.execute(script);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot apply the demo warehouse schema: " + e.getMessage(), e);
        }
    }

    /** True when none of the four source tables holds a row. */
    public static boolean sourceIsEmpty(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : SOURCE_TABLES) {
                try (var rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    static String resource(String name) {
        try (InputStream in = DemoSourceSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/pulso/worker/warehouse/demo/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
