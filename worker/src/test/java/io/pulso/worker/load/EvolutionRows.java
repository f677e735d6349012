package io.pulso.worker.load;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Rows shaped like the evolution_data extraction, for loader and workflow tests. */
public final class EvolutionRows {

    public static final List<String> COLUMNS = List.of("fecha_foto", "archivo", "cartera", "servicio", "pct_cober",
            "pct_contac", "pct_efectividad", "pct_cierre", "recupero", "cuentas", "fecha_procesamiento");

    private EvolutionRows() {
    }

    /**
     * A catalog of just evolution_data as the workflow tests refresh it: keyed by (fecha_foto, archivo), windowed by
     * fecha_foto with a 3-day lookback, refreshed every 6 h, read in pages of {@code rowsPerPage}, deleting vanished
     * rows unless the result has fewer than {@code minimumResultRows}.
     */
    public static TableCatalog catalog(int rowsPerPage, long minimumResultRows) {
        return new TableCatalog(List.of(new TableDefinition("evolution_data", Optional.empty(), List.of("fecha_foto", "archivo"),
                "fecha_foto", Optional.of("fecha_foto"), 3, rowsPerPage, Duration.ofHours(6), true, minimumResultRows)));
    }

    public static Object[] row(LocalDate day, String archivo, double recupero, long cuentas) {
        return new Object[] {day, archivo, "TEMPRANA", "MOVIL", 50.5, 20.25, 3.0, 1.5, recupero, cuentas,
                Instant.parse("2026-01-01T05:00:00Z")};
    }
}
