package io.pulso.worker.load;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Rows shaped like the evolution_data extraction, for loader and workflow tests. */
public final class EvolutionRows {

    public static final List<String> COLUMNS = List.of("fecha_foto", "archivo", "cartera", "servicio", "pct_cober",
            "pct_contac", "pct_efectividad", "pct_cierre", "recupero", "cuentas", "fecha_procesamiento");

    private EvolutionRows() {
    }

    public static Object[] row(LocalDate day, String archivo, double recupero, long cuentas) {
        return new Object[] {day, archivo, "TEMPRANA", "MOVIL", 50.5, 20.25, 3.0, 1.5, recupero, cuentas,
                Instant.parse("2026-01-01T05:00:00Z")};
    }
}
