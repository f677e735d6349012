package io.pulso.worker.warehouse.demo;

import static io.pulso.worker.warehouse.demo.DemoTestData.END_DATE;
import static io.pulso.worker.warehouse.demo.DemoTestData.SEED;
import static io.pulso.worker.warehouse.demo.DemoTestData.count;
import static io.pulso.worker.warehouse.demo.DemoTestData.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {

    private static final String A = DemoSourceSchema.ASIGNACIONES;
    private static final String G = DemoSourceSchema.GESTIONES;
    private static final String P = DemoSourceSchema.PAGOS;
    private static final String D = DemoSourceSchema.DASHBOARD_COBRANZAS;

    @Test
    void sameSeedScaleAndEndDateGiveIdenticalTablesAndAnotherSeedDoesNot() {
        try (HikariDataSource first = DemoTestData.emptyWarehouse("demo_det_a");
             HikariDataSource second = DemoTestData.emptyWarehouse("demo_det_b");
             HikariDataSource other = DemoTestData.emptyWarehouse("demo_det_c")) {
            DemoDataGenerator.generate(first, SEED, DemoScale.small(), END_DATE);
            DemoDataGenerator.generate(second, SEED, DemoScale.small(), END_DATE);
            DemoDataGenerator.generate(other, SEED + 1, DemoScale.small(), END_DATE);

            Map<String, String> expected = DemoTestData.checksums(first);
            assertThat(expected.values()).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(DemoTestData.checksums(second)).isEqualTo(expected);
            Map<String, String> different = DemoTestData.checksums(other);
            for (String table : DemoSourceSchema.SOURCE_TABLES) {
                assertThat(different.get(table)).as(table).isNotEqualTo(expected.get(table));
            }
        }
    }

    @Test
    void smallScaleHasTheExpectedVolumes() {
        DataSource ds = DemoTestData.smallWarehouse();
        GenerationSummary summary = DemoTestData.smallSummary();

        assertThat(summary.firstDate()).isEqualTo(LocalDate.of(2026, 9, 18));
        assertThat(rows(ds, A)).isEqualTo(summary.asignaciones()).isEqualTo(1_500);
        assertThat(count(ds, "SELECT count(DISTINCT archivo) FROM " + A)).isEqualTo(8);
        assertThat(count(ds, "SELECT count(DISTINCT cartera) FROM " + A)).isEqualTo(4);
        assertThat(count(ds, "SELECT count(DISTINCT negocio) FROM " + A)).isEqualTo(2);
        assertThat(count(ds, "SELECT count(DISTINCT cuenta) FROM " + A)).isEqualTo(1_500);
        assertThat(count(ds, "SELECT count(DISTINCT cod_luna) FROM " + A)).isBetween(900L, 1_300L);
        assertThat(rows(ds, G)).isEqualTo(summary.gestiones()).isBetween(3_000L, 6_000L);
        assertThat(count(ds, "SELECT count(DISTINCT fecha_gestion) FROM " + G)).isEqualTo(21);
        assertThat(count(ds, "SELECT count(DISTINCT correo_agente) FROM " + G)).isEqualTo(8 + 1);
        assertThat(rows(ds, P)).isEqualTo(summary.pagos()).isBetween(40L, 600L);
        assertThat(rows(ds, D)).isEqualTo(summary.dashboardCobranzas()).isBetween(80L, 8 * 21L);
        assertThat(DemoTestData.text(ds, "SELECT min(fecha_foto) || '..' || max(fecha_foto) FROM " + D))
                .isEqualTo("2026-09-18..2026-10-08");
        assertThat(DemoTestData.text(ds, "SELECT min(fecha_gestion) || '..' || max(fecha_gestion) FROM " + G))
                .isEqualTo("2026-09-18..2026-10-08");
        System.out.printf("small: %d asignaciones, %d clients, %d gestiones, %d pagos, %d dashboard_cobranzas%n",
                rows(ds, A), count(ds, "SELECT count(DISTINCT cod_luna) FROM " + A), rows(ds, G), rows(ds, P), rows(ds, D));
    }

    @Test
    void attemptsHaveRealisticShapes() {
        DataSource ds = DemoTestData.smallWarehouse();
        double total = rows(ds, G);

        double night = count(ds, "SELECT count(*) FROM " + G
                + " WHERE extract(hour FROM timestamp_gestion AT TIME ZONE 'America/Lima') < 7");
        assertThat(night / total).as("share of attempts before 07:00 Lima").isLessThan(0.03);
        assertThat(count(ds, "SELECT count(*) FROM " + G + " WHERE canal_origen = 'HUMANO'"
                + " AND extract(hour FROM timestamp_gestion AT TIME ZONE 'America/Lima') NOT BETWEEN 8 AND 20"))
                .as("human attempts outside 08:00-20:59").isZero();
        assertThat(count(ds, "SELECT count(*) FROM " + G + " WHERE canal_origen = 'BOT'") / total).isBetween(0.55, 0.65);

        double direct = count(ds, "SELECT count(*) FROM " + G + " WHERE contactabilidad = 'CONTACTO_DIRECTO'");
        double promises = count(ds, "SELECT count(*) FROM " + G + " WHERE es_compromiso");
        assertThat(direct / total).as("effective contact rate").isBetween(0.08, 0.25);
        assertThat(promises / direct).as("promises per effective contact").isBetween(0.12, 0.35);

        assertThat(count(ds, "SELECT count(*) FROM " + G + " WHERE es_contacto_efectivo <> (contactabilidad = 'CONTACTO_DIRECTO')"
                + " OR (es_compromiso AND NOT es_contacto_efectivo)"
                + " OR contactabilidad NOT IN ('CONTACTO_DIRECTO', 'CONTACTO_INDIRECTO', 'NO_CONTACTO')")).isZero();
        assertThat(count(ds, "SELECT count(*) FROM " + G
                + " WHERE fecha_gestion <> CAST(timestamp_gestion AT TIME ZONE 'America/Lima' AS date)")).isZero();
        assertThat(count(ds, "SELECT count(*) FROM " + G + " WHERE canal_origen = 'BOT' AND (correo_agente <> '"
                + AgentRoster.BOT_EMAIL + "' OR nombre_agente <> 'SISTEMA_BOT')")).isZero();
        assertThat(count(ds, "SELECT count(*) FROM " + G + " WHERE canal_origen = 'HUMANO' AND correo_agente IS NULL"))
                .as("attempts dropped by the dialer").isPositive();
        assertThat(count(ds, "SELECT count(*) FROM " + G + " g WHERE NOT EXISTS (SELECT 1 FROM " + A
                + " a WHERE a.cod_luna = g.cod_luna AND a.archivo = g.campaign_name AND a.fecha_asignacion_real <= g.fecha_gestion)"))
                .as("attempts on clients not (yet) assigned to the file").isZero();
        assertThat(count(ds, "SELECT count(*) FROM " + A
                + " WHERE archivo !~ '^(TEMPRANA|ALTAS_NUEVAS|CUOTA_FRACCIONAMIENTO|OTRAS)_(MOVIL|FIJA)_20[0-9]{2}_[01][0-9]_[A-Z]$'"
                + " OR archivo NOT LIKE cartera || '\\_' || negocio || '\\_%'")).isZero();
        assertThat(count(ds, "SELECT count(*) FROM " + A + " a JOIN " + P + " p ON p.nro_documento = a.cuenta"
                + " WHERE p.monto_cancelado > a.deuda_inicial OR p.fecha_pago < a.fecha_asignacion_real"
                + " OR a.monto_exigible_diario <> a.deuda_inicial - p.monto_cancelado")).isZero();
    }

    @Test
    void dashboardCobranzasFollowsTheDocumentedKpiDefinitions() {
        DataSource ds = DemoTestData.smallWarehouse();
        DemoSourceAggregates source = DemoSourceAggregates.load(ds);

        TableDiff diff = source.recomputedDashboardCobranzas().diff(rowsOf(ds, D));

        diff.assertMatches();
        assertThat(diff.expectedRows()).isEqualTo(source.snapshotRows()).isPositive();
        assertThat(count(ds, "SELECT count(*) FROM " + D + " WHERE cuentas_cd + cuentas_ci + cuentas_sc <> cuentas_gestionadas"
                + " OR cuentas_gestionadas + cuentas_sg <> cuentas OR cuentas_pdp > cuentas_cd OR clientes > cuentas"
                + " OR deuda_act <> deuda_asig - recupero OR pct_cober > 100")).isZero();
        // The cumulative numbers of a file only grow from one day to the next.
        assertThat(count(ds, "SELECT count(*) FROM " + D + " d JOIN " + D + " n ON n.archivo = d.archivo"
                + " AND n.fecha_foto = d.fecha_foto + 1 WHERE n.cuentas_gestionadas < d.cuentas_gestionadas"
                + " OR n.recupero < d.recupero OR n.cuentas < d.cuentas")).isZero();
        assertThat(count(ds, "SELECT max(pct_cober) FROM " + D)).as("coverage reached by the end").isGreaterThan(50);
    }

    @Test
    void refusesToFillANonEmptyWarehouseUnlessToldToReplace() {
        try (HikariDataSource ds = DemoTestData.emptyWarehouse("demo_refuse")) {
            DemoDataGenerator.generate(ds, SEED, DemoScale.small(), END_DATE);
            Map<String, String> before = DemoTestData.checksums(ds);

            assertThatThrownBy(() -> DemoDataGenerator.generate(ds, SEED + 7, DemoScale.small(), END_DATE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already holds source data")
                    .hasMessageContaining("replaceExisting");
            assertThat(DemoTestData.checksums(ds)).isEqualTo(before);

            DemoDataGenerator.generate(ds, SEED + 7, DemoScale.small(), END_DATE, true);
            assertThat(DemoTestData.checksums(ds)).isNotEqualTo(before);
            DemoDataGenerator.generate(ds, SEED, DemoScale.small(), END_DATE, true);
            assertThat(DemoTestData.checksums(ds)).isEqualTo(before);
        }
    }

    private static java.util.List<Map<String, Object>> rowsOf(DataSource ds, String table) {
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT * FROM " + table)) {
            return ExpectedTable.readRows(rs);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
