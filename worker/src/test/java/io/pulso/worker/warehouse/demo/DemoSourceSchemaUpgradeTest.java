package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** A demo warehouse made before the mart was modelled like the real one is converted in place, keeping its rows. */
class DemoSourceSchemaUpgradeTest {

    private static final String D = DemoSourceSchema.DASHBOARD_COBRANZAS;

    @Test
    void anOldDashboardCobranzasGetsNullableKpisAndALimaTimeFechaProcesamiento() {
        try (HikariDataSource ds = TestDatabase.pool(TestDatabase.createDatabase("demo_upgrade"))) {
            TestDatabase.execute(ds, "CREATE SCHEMA bi_usa; CREATE TABLE " + D + " (fecha_foto date NOT NULL,"
                    + " archivo varchar(100) NOT NULL, cartera varchar(50) NOT NULL, servicio varchar(20) NOT NULL,"
                    + " cuentas integer NOT NULL, clientes integer NOT NULL, deuda_asig numeric(14,2) NOT NULL,"
                    + " deuda_act numeric(14,2) NOT NULL, cuentas_gestionadas integer NOT NULL,"
                    + " cuentas_cd integer NOT NULL, cuentas_ci integer NOT NULL, cuentas_sc integer NOT NULL,"
                    + " cuentas_sg integer NOT NULL, cuentas_pdp integer NOT NULL, recupero numeric(14,2) NOT NULL,"
                    + " pct_cober double precision NOT NULL, pct_contac double precision NOT NULL,"
                    + " pct_cd double precision NOT NULL, pct_ci double precision NOT NULL,"
                    + " pct_conversion double precision NOT NULL, pct_efectividad double precision NOT NULL,"
                    + " pct_cierre double precision NOT NULL, inten double precision NOT NULL,"
                    + " fecha_procesamiento timestamptz NOT NULL);"
                    + " INSERT INTO " + D + " VALUES ('2026-10-01', 'A1', 'TEMPRANA', 'MOVIL', 1, 1, 10, 10, 0, 0, 0, 0,"
                    + " 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '2026-10-02 04:00:00+00')");

            DemoSourceSchema.apply(ds);
            DemoSourceSchema.apply(ds);

            assertThat(DemoTestData.text(ds, "SELECT fecha_procesamiento::text FROM " + D))
                    .as("23:00 Lima, zone-less").isEqualTo("2026-10-01 23:00:00");
            TestDatabase.execute(ds, "UPDATE " + D + " SET pct_contac = NULL, inten = NULL");
            assertThat(DemoTestData.count(ds, "SELECT count(*) FROM " + D + " WHERE pct_contac IS NULL")).isEqualTo(1);
        }
    }
}
