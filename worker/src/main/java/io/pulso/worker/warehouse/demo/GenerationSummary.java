package io.pulso.worker.warehouse.demo;

import java.time.LocalDate;

/** What one run of {@link DemoDataGenerator} wrote: rows per source table and the covered dates. */
public record GenerationSummary(
        long seed,
        DemoScale scale,
        LocalDate firstDate,
        LocalDate endDate,
        long asignaciones,
        long gestiones,
        long pagos,
        long dashboardCobranzas) {
}
