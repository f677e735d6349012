package io.pulso.worker.warehouse.demo;

import static io.pulso.worker.warehouse.demo.DemoTestData.count;
import static io.pulso.worker.warehouse.demo.DemoTestData.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The one test at the scale the embedded default serves: volumes and generation time. */
class DemoDataGeneratorStandardScaleTest {

    @Test
    void standardScaleGeneratesFourMonthsOfAMidSizedOperationQuickly() {
        try (HikariDataSource ds = DemoTestData.emptyWarehouse("demo_standard")) {
            long started = System.nanoTime();
            GenerationSummary summary = DemoDataGenerator.generate(ds, DemoTestData.SEED, DemoScale.standard(),
                    DemoTestData.END_DATE);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("standard: generated in %d ms: %s%n", took.toMillis(), summary);

            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(summary.firstDate()).isEqualTo(LocalDate.of(2026, 6, 11));
            assertThat(rows(ds, DemoSourceSchema.ASIGNACIONES)).isEqualTo(30_000);
            assertThat(count(ds, "SELECT count(DISTINCT archivo) FROM " + DemoSourceSchema.ASIGNACIONES)).isEqualTo(40);
            assertThat(count(ds, "SELECT count(DISTINCT correo_agente) FROM " + DemoSourceSchema.GESTIONES)).isEqualTo(51);
            long attempts = rows(ds, DemoSourceSchema.GESTIONES);
            assertThat(attempts).isEqualTo(summary.gestiones());
            assertThat(attempts / 120).as("attempts per day").isBetween(2_000L, 3_500L);
            assertThat(count(ds, "SELECT max(n) FROM (SELECT count(*) AS n FROM " + DemoSourceSchema.GESTIONES
                    + " GROUP BY fecha_gestion) d")).as("busiest day").isBetween(3_000L, 6_000L);
            assertThat(rows(ds, DemoSourceSchema.PAGOS)).isBetween(2_000L, 10_000L);
            assertThat(rows(ds, DemoSourceSchema.DASHBOARD_COBRANZAS)).isBetween(1_200L, 2_000L);
        }
    }
}
