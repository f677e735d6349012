package io.pulso.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Deterministic {@code dashboard_data}-shaped rows, computed from their index so every method reads the same rows at
 * the same (negligible) cost and nothing is held in memory: 40 archivos × 8 cartera/servicio pairs per day, days
 * in order, as the extraction returns them. {@code variant} changes every value column (0 = first load, 1 = every
 * row changed; loading variant 1 twice is the nothing-changed re-read).
 */
final class DashboardRows {

    static final List<String> KEY_COLUMNS = List.of("fecha_foto", "archivo", "cartera", "servicio");
    static final List<String> INT_COLUMNS = List.of("cuentas", "clientes", "cuentas_gestionadas", "cuentas_cd", "cuentas_ci",
            "cuentas_sc", "cuentas_sg", "cuentas_pdp");
    static final List<String> DOUBLE_COLUMNS = List.of("deuda_asig", "deuda_act", "recupero", "pct_cober", "pct_contac", "pct_cd",
            "pct_ci", "pct_conversion", "pct_efectividad", "pct_cierre", "inten");
    static final List<String> COLUMNS = concat();
    static final int ROWS_PER_DAY = 40 * 8;

    private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    private static final String[] ARCHIVOS = new String[40];
    private static final String[] CARTERAS = {"TEMPRANA", "CUOTA_FRACCIONADA", "ALTAS_NUEVAS", "REFINANCIADO"};
    private static final String[] SERVICIOS = {"MOVIL", "FIJA"};

    static {
        for (int a = 0; a < ARCHIVOS.length; a++) {
            ARCHIVOS[a] = String.format("ASIGNACION_%02d_%s", a, a % 2 == 0 ? "CAMPANA_TEMPRANA" : "CAMPANA_REGULAR");
        }
    }

    private DashboardRows() {
    }

    static LocalDate day(long index) {
        return FIRST_DAY.plusDays(index / ROWS_PER_DAY);
    }

    /** Row {@code index} in the order of {@link #COLUMNS}. */
    static Object[] row(long index, int variant) {
        int inDay = (int) (index % ROWS_PER_DAY);
        LocalDate day = day(index);
        Object[] row = new Object[COLUMNS.size()];
        row[0] = day;
        row[1] = ARCHIVOS[inDay / 8];
        row[2] = CARTERAS[(inDay % 8) / 2];
        row[3] = SERVICIOS[inDay % 2];
        long h = mix(index * 0x9E3779B97F4A7C15L + variant);
        int k = 4;
        for (int i = 0; i < INT_COLUMNS.size(); i++) {
            h = mix(h);
            row[k++] = (int) ((h >>> 33) % 50_000);
        }
        for (int i = 0; i < DOUBLE_COLUMNS.size(); i++) {
            h = mix(h);
            row[k++] = ((h >>> 20) % 100_000_000) / 100.0;
        }
        row[k] = day.atTime(6, 0).toInstant(ZoneOffset.UTC).plusSeconds(variant * 3600L);
        return row;
    }

    /** Appends the row as one CSV line (values never hold commas, quotes or newlines). */
    static void appendCsv(StringBuilder out, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(row[i] instanceof Instant instant ? instant.toString() : row[i].toString());
        }
        out.append('\n');
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static List<String> concat() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(KEY_COLUMNS);
        all.addAll(INT_COLUMNS);
        all.addAll(DOUBLE_COLUMNS);
        all.add("fecha_procesamiento");
        return List.copyOf(all);
    }
}
