package io.pulso.worker.warehouse.demo;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.worker.warehouse.ExtractionWindow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The expected rows of the five destination tables, computed in Java from the demo warehouse's raw source rows
 * (plain SELECTs, no SQL aggregation), independently of the extraction SQL. Tests compare an extraction result or
 * a loaded destination table against it:
 *
 * <pre>{@code
 * DemoSourceAggregates source = DemoSourceAggregates.load(warehouse);
 * source.expected("operation_data", window).destinationView().diffAgainst(destination).assertMatches();
 * }</pre>
 */
public final class DemoSourceAggregates {

    private static final ZoneId LIMA = ZoneId.of("America/Lima");
    private static final TableCatalog CATALOG = TableCatalog.pulso();

    static final List<String> DASHBOARD_COLUMNS = List.of("fecha_foto", "archivo", "cartera", "servicio", "cuentas",
            "clientes", "deuda_asig", "deuda_act", "cuentas_gestionadas", "cuentas_cd", "cuentas_ci", "cuentas_sc",
            "cuentas_sg", "cuentas_pdp", "recupero", "pct_cober", "pct_contac", "pct_cd", "pct_ci", "pct_conversion",
            "pct_efectividad", "pct_cierre", "inten", "fecha_procesamiento");
    static final List<String> EVOLUTION_COLUMNS = List.of("fecha_foto", "archivo", "cartera", "servicio", "pct_cober",
            "pct_contac", "pct_efectividad", "pct_cierre", "recupero", "cuentas", "fecha_procesamiento");
    static final List<String> ASSIGNMENT_COLUMNS = List.of("periodo", "archivo", "cartera", "clientes", "cuentas",
            "deuda_asig", "deuda_actual", "ticket_promedio", "fecha_procesamiento", "fecha_asignacion");
    static final List<String> OPERATION_COLUMNS = List.of("fecha_foto", "hora", "canal", "archivo", "total_gestiones",
            "contactos_efectivos", "contactos_no_efectivos", "total_pdp", "tasa_contacto", "tasa_conversion",
            "fecha_procesamiento");
    static final List<String> PRODUCTIVITY_COLUMNS = List.of("fecha_foto", "correo_agente", "archivo",
            "total_gestiones", "contactos_efectivos", "total_pdp", "peso_total", "tasa_contacto", "tasa_conversion",
            "score_productividad", "nombre_agente", "dni_agente", "equipo", "fecha_procesamiento");
    private static final Set<String> MONEY_AND_RATES = Set.of("deuda_asig", "deuda_act", "recupero", "pct_cober",
            "pct_contac", "pct_cd", "pct_ci", "pct_conversion", "pct_efectividad", "pct_cierre", "inten");

    record Assignment(String archivo, LocalDate fechaAsignacion, String cartera, String codLuna, String cuenta,
                      BigDecimal deudaInicial, BigDecimal montoExigible) {
    }

    record Attempt(String codLuna, Instant timestamp, String canal, String campaign, String correo, String nombre,
                   String contactabilidad, boolean efectivo, boolean compromiso, long peso) {

        LocalDate limaDate() {
            return timestamp.atZone(LIMA).toLocalDate();
        }

        int limaHour() {
            return timestamp.atZone(LIMA).getHour();
        }
    }

    record Payment(String cuenta, LocalDate fecha, BigDecimal monto) {
    }

    private final List<Assignment> assignments;
    private final List<Attempt> attempts;
    private final List<Payment> payments;
    private final List<Map<String, Object>> snapshots;

    private DemoSourceAggregates(List<Assignment> assignments, List<Attempt> attempts, List<Payment> payments,
                                 List<Map<String, Object>> snapshots) {
        this.assignments = assignments;
        this.attempts = attempts;
        this.payments = payments;
        this.snapshots = snapshots;
    }

    /** Reads every raw source row of the demo warehouse. */
    public static DemoSourceAggregates load(DataSource warehouse) {
        try (Connection c = warehouse.getConnection(); Statement s = c.createStatement()) {
            List<Assignment> assignments = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT archivo, fecha_asignacion_real, cartera, cod_luna, cuenta,"
                    + " deuda_inicial, monto_exigible_diario FROM " + DemoSourceSchema.ASIGNACIONES)) {
                while (rs.next()) {
                    assignments.add(new Assignment(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
            List<Attempt> attempts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT cod_luna, timestamp_gestion, canal_origen, campaign_name,"
                    + " correo_agente, nombre_agente, contactabilidad, es_contacto_efectivo, es_compromiso, peso_gestion"
                    + " FROM " + DemoSourceSchema.GESTIONES)) {
                while (rs.next()) {
                    attempts.add(new Attempt(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getBoolean(8), rs.getBoolean(9), rs.getLong(10)));
                }
            }
            List<Payment> payments = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT nro_documento, fecha_pago, monto_cancelado FROM "
                    + DemoSourceSchema.PAGOS)) {
                while (rs.next()) {
                    payments.add(new Payment(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)));
                }
            }
            List<Map<String, Object>> snapshots;
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + DemoSourceSchema.DASHBOARD_COBRANZAS)) {
                snapshots = ExpectedTable.readRows(rs);
            }
            return new DemoSourceAggregates(assignments, attempts, payments, snapshots);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the demo warehouse source rows: " + e.getMessage(), e);
        }
    }

    /** The rows {@code table}'s extraction should return for {@code window}. */
    public ExpectedTable expected(String table, ExtractionWindow window) {
        return switch (table) {
            case "dashboard_data" -> snapshotProjection(table, DASHBOARD_COLUMNS, window);
            case "evolution_data" -> evolution(window);
            case "assignment_data" -> assignment(window);
            case "operation_data" -> operation(window);
            case "productivity_data" -> productivity(window);
            default -> throw new IllegalArgumentException("no expectation for table " + table);
        };
    }

    /** dashboard_data / evolution_data: dashboard_cobranzas rows with fecha_foto in the window, projected. */
    private ExpectedTable snapshotProjection(String table, List<String> columns, ExtractionWindow window) {
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        List<String> keys = keys(table);
        for (Map<String, Object> snapshot : snapshots) {
            if (!inWindow((LocalDate) snapshot.get("fecha_foto"), window)) {
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            for (String column : columns) {
                Object value = snapshot.get(column);
                if (MONEY_AND_RATES.contains(column)) {
                    // The contract: a NULL KPI (a division by zero in the mart) loads as 0.
                    value = value == null ? 0.0 : ((Number) value).doubleValue();
                } else if (value instanceof LocalDateTime limaTime) {
                    value = limaTime.atZone(LIMA).toInstant();
                }
                row.put(column, value);
            }
            putUnique(rows, keys, row);
        }
        return new ExpectedTable(table, keys, columns, Set.of(), rows, byFechaFoto(window));
    }

    /**
     * evolution_data: one row per (fecha_foto, archivo) over the file's cartera/servicio rows of that day: sums of
     * cuentas and recupero, percentages from the summed counts (total attempts of a row = inten x gestionadas),
     * cartera/servicio the only one or 'VARIOS', the latest fecha_procesamiento.
     */
    private ExpectedTable evolution(ExtractionWindow window) {
        Map<List<Object>, List<Map<String, Object>>> groups = new HashMap<>();
        for (Map<String, Object> snapshot : snapshots) {
            LocalDate day = (LocalDate) snapshot.get("fecha_foto");
            if (inWindow(day, window)) {
                groups.computeIfAbsent(RowValues.key(List.of(day, snapshot.get("archivo"))), k -> new ArrayList<>())
                        .add(snapshot);
            }
        }
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        groups.forEach((key, pairs) -> {
            long cuentas = 0;
            long gestionadas = 0;
            long cd = 0;
            long pdp = 0;
            double gestiones = 0;
            BigDecimal recupero = BigDecimal.ZERO;
            BigDecimal deuda = BigDecimal.ZERO;
            Set<Object> carteras = new HashSet<>();
            Set<Object> servicios = new HashSet<>();
            LocalDateTime latest = null;
            for (Map<String, Object> p : pairs) {
                cuentas += longOf(p.get("cuentas"));
                gestionadas += longOf(p.get("cuentas_gestionadas"));
                cd += longOf(p.get("cuentas_cd"));
                pdp += longOf(p.get("cuentas_pdp"));
                Object inten = p.get("inten");
                gestiones += Math.round((inten == null ? 0.0 : ((Number) inten).doubleValue())
                        * longOf(p.get("cuentas_gestionadas")));
                recupero = recupero.add(p.get("recupero") == null ? BigDecimal.ZERO : RowValues.decimal(p.get("recupero")));
                deuda = deuda.add(p.get("deuda_asig") == null ? BigDecimal.ZERO : RowValues.decimal(p.get("deuda_asig")));
                carteras.add(p.get("cartera"));
                servicios.add(p.get("servicio"));
                LocalDateTime at = (LocalDateTime) p.get("fecha_procesamiento");
                latest = latest == null || at.isAfter(latest) ? at : latest;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("fecha_foto", key.get(0));
            row.put("archivo", key.get(1));
            row.put("cartera", carteras.size() == 1 ? carteras.iterator().next() : "VARIOS");
            row.put("servicio", servicios.size() == 1 ? servicios.iterator().next() : "VARIOS");
            row.put("pct_cober", percent(gestionadas, cuentas));
            row.put("pct_contac", gestiones == 0 ? 0.0 : cd * 100.0 / gestiones);
            row.put("pct_efectividad", percent(pdp, gestionadas));
            row.put("pct_cierre", deuda.signum() == 0 ? 0.0 : recupero.doubleValue() * 100 / deuda.doubleValue());
            row.put("recupero", recupero.doubleValue());
            row.put("cuentas", cuentas);
            row.put("fecha_procesamiento", latest.atZone(LIMA).toInstant());
            rows.put(key, row);
        });
        return new ExpectedTable("evolution_data", keys("evolution_data"), EVOLUTION_COLUMNS, Set.of(), rows,
                byFechaFoto(window));
    }

    private static long longOf(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Whole months: from the first day of window.from's month to the last day of window.to's month. */
    private ExpectedTable assignment(ExtractionWindow window) {
        String fromMonth = window.from() == null ? null : periodo(window.from());
        String toMonth = window.to() == null ? null : periodo(window.to());
        Predicate<String> monthInWindow = p -> (fromMonth == null || p.compareTo(fromMonth) >= 0)
                && (toMonth == null || p.compareTo(toMonth) <= 0);

        record Group(Set<String> clients, Set<String> accounts, BigDecimal[] debt, BigDecimal[] current, LocalDate[] last) {
        }
        Map<List<Object>, Group> groups = new HashMap<>();
        for (Assignment a : assignments) {
            String periodo = periodo(a.fechaAsignacion());
            if (!monthInWindow.test(periodo)) {
                continue;
            }
            Group g = groups.computeIfAbsent(List.of(periodo, a.archivo(), a.cartera()), k -> new Group(new HashSet<>(),
                    new HashSet<>(), new BigDecimal[] {BigDecimal.ZERO}, new BigDecimal[] {BigDecimal.ZERO},
                    new LocalDate[1]));
            g.clients().add(a.codLuna());
            g.accounts().add(a.cuenta());
            g.debt()[0] = g.debt()[0].add(a.deudaInicial());
            g.current()[0] = g.current()[0].add(a.montoExigible());
            if (g.last()[0] == null || a.fechaAsignacion().isAfter(g.last()[0])) {
                g.last()[0] = a.fechaAsignacion();
            }
        }
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        groups.forEach((key, g) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("periodo", key.get(0));
            row.put("archivo", key.get(1));
            row.put("cartera", key.get(2));
            row.put("clientes", (long) g.clients().size());
            row.put("cuentas", (long) g.accounts().size());
            double debt = g.debt()[0].doubleValue();
            row.put("deuda_asig", debt);
            row.put("deuda_actual", g.current()[0].doubleValue());
            row.put("ticket_promedio", g.accounts().isEmpty() ? 0.0 : debt / g.accounts().size());
            row.put("fecha_procesamiento", g.last()[0].atStartOfDay(LIMA).toInstant());
            row.put("fecha_asignacion", g.last()[0]);
            rows.put(RowValues.key(key), row);
        });
        Predicate<Map<String, Object>> scope = row -> monthInWindow.test((String) row.get("periodo"));
        return new ExpectedTable("assignment_data", keys("assignment_data"), ASSIGNMENT_COLUMNS,
                Set.of("fecha_asignacion"), rows, scope);
    }

    /** Counts of one group of attempts. */
    private static final class Tally {
        long total;
        long effective;
        long promises;
        long weight;
        Instant latest;
        String name;

        void add(Attempt a) {
            total++;
            effective += a.efectivo() ? 1 : 0;
            promises += a.compromiso() ? 1 : 0;
            weight += a.peso();
            latest = latest == null || a.timestamp().isAfter(latest) ? a.timestamp() : latest;
            name = name == null || (a.nombre() != null && a.nombre().compareTo(name) > 0) ? a.nombre() : name;
        }

        double contactRate() {
            return total == 0 ? 0.0 : effective * 100.0 / total;
        }

        double conversionRate() {
            return effective == 0 ? 0.0 : promises * 100.0 / effective;
        }
    }

    /** Per (Lima date, Lima hour, canal), archivo 'GENERAL'. */
    private ExpectedTable operation(ExtractionWindow window) {
        Map<List<Object>, Tally> tallies = new HashMap<>();
        for (Attempt a : attempts) {
            LocalDate day = a.limaDate();
            if (inWindow(day, window)) {
                tallies.computeIfAbsent(RowValues.key(List.of(day, a.limaHour(), a.canal(), "GENERAL")),
                        k -> new Tally()).add(a);
            }
        }
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        tallies.forEach((key, t) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("fecha_foto", key.get(0));
            row.put("hora", key.get(1));
            row.put("canal", key.get(2));
            row.put("archivo", key.get(3));
            row.put("total_gestiones", t.total);
            row.put("contactos_efectivos", t.effective);
            row.put("contactos_no_efectivos", t.total - t.effective);
            row.put("total_pdp", t.promises);
            row.put("tasa_contacto", t.contactRate());
            row.put("tasa_conversion", t.conversionRate());
            row.put("fecha_procesamiento", t.latest);
            rows.put(key, row);
        });
        return new ExpectedTable("operation_data", keys("operation_data"), OPERATION_COLUMNS, Set.of(), rows,
                byFechaFoto(window));
    }

    /** Per (Lima date, correo_agente), archivo 'GENERAL', attempts with an agent e-mail only. */
    private ExpectedTable productivity(ExtractionWindow window) {
        Map<List<Object>, Tally> tallies = new HashMap<>();
        for (Attempt a : attempts) {
            LocalDate day = a.limaDate();
            if (a.correo() != null && !a.correo().isEmpty() && inWindow(day, window)) {
                tallies.computeIfAbsent(RowValues.key(List.of(day, a.correo(), "GENERAL")), k -> new Tally()).add(a);
            }
        }
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        tallies.forEach((key, t) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("fecha_foto", key.get(0));
            row.put("correo_agente", key.get(1));
            row.put("archivo", key.get(2));
            row.put("total_gestiones", t.total);
            row.put("contactos_efectivos", t.effective);
            row.put("total_pdp", t.promises);
            row.put("peso_total", t.weight);
            row.put("tasa_contacto", t.contactRate());
            row.put("tasa_conversion", t.conversionRate());
            row.put("score_productividad", 0.4 * t.total + 0.35 * t.effective + 0.25 * t.promises);
            row.put("nombre_agente", t.name);
            row.put("dni_agente", null);
            row.put("equipo", null);
            row.put("fecha_procesamiento", t.latest);
            rows.put(key, row);
        });
        return new ExpectedTable("productivity_data", keys("productivity_data"), PRODUCTIVITY_COLUMNS, Set.of(), rows,
                byFechaFoto(window));
    }

    /**
     * dashboard_cobranzas recomputed from asignaciones, gestiones and pagos with the semantics documented in
     * dashboard-cobranzas.sql (cumulative from assignment to fecha_foto), for every (fecha_foto, archivo) the
     * generator wrote. Checks the generator's SQL, not an extraction.
     */
    public ExpectedTable recomputedDashboardCobranzas() {
        Map<String, List<Assignment>> accountsByArchivo = new HashMap<>();
        Map<String, String> archivoOfAccount = new HashMap<>();
        for (Assignment a : assignments) {
            accountsByArchivo.computeIfAbsent(a.archivo(), k -> new ArrayList<>()).add(a);
            archivoOfAccount.put(a.cuenta(), a.archivo());
        }
        Map<String, List<Attempt>> attemptsByArchivo = new HashMap<>();
        for (Attempt a : attempts) {
            attemptsByArchivo.computeIfAbsent(a.campaign(), k -> new ArrayList<>()).add(a);
        }
        Map<String, List<Payment>> paymentsByArchivo = new HashMap<>();
        for (Payment p : payments) {
            paymentsByArchivo.computeIfAbsent(archivoOfAccount.get(p.cuenta()), k -> new ArrayList<>()).add(p);
        }
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> snapshot : snapshots) {
            LocalDate day = (LocalDate) snapshot.get("fecha_foto");
            String archivo = (String) snapshot.get("archivo");
            Map<String, Object> row = snapshotKpis(day, accountsByArchivo.getOrDefault(archivo, List.of()),
                    attemptsByArchivo.getOrDefault(archivo, List.of()), paymentsByArchivo.getOrDefault(archivo, List.of()));
            row.put("fecha_foto", day);
            row.put("archivo", archivo);
            row.put("cartera", snapshot.get("cartera"));
            row.put("servicio", snapshot.get("servicio"));
            row.put("fecha_procesamiento", day.atTime(23, 0));
            putUnique(rows, keys("dashboard_data"), row);
        }
        return new ExpectedTable("dashboard_cobranzas", keys("dashboard_data"), DASHBOARD_COLUMNS, Set.of(), rows,
                row -> true);
    }

    private static Map<String, Object> snapshotKpis(LocalDate day, List<Assignment> accounts, List<Attempt> attempts,
                                                    List<Payment> payments) {
        Set<String> attempted = new HashSet<>();
        Set<String> direct = new HashSet<>();
        Set<String> indirect = new HashSet<>();
        Set<String> promised = new HashSet<>();
        long totalAttempts = 0;
        for (Attempt a : attempts) {
            if (a.limaDate().isAfter(day)) {
                continue;
            }
            totalAttempts++;
            attempted.add(a.codLuna());
            if ("CONTACTO_DIRECTO".equals(a.contactabilidad())) {
                direct.add(a.codLuna());
            } else if ("CONTACTO_INDIRECTO".equals(a.contactabilidad())) {
                indirect.add(a.codLuna());
            }
            if (a.compromiso()) {
                promised.add(a.codLuna());
            }
        }
        long cuentas = 0;
        long gestionadas = 0;
        long cd = 0;
        long ci = 0;
        long pdp = 0;
        Set<String> clients = new HashSet<>();
        BigDecimal debt = BigDecimal.ZERO;
        for (Assignment a : accounts) {
            if (a.fechaAsignacion().isAfter(day)) {
                continue;
            }
            cuentas++;
            clients.add(a.codLuna());
            debt = debt.add(a.deudaInicial());
            gestionadas += attempted.contains(a.codLuna()) ? 1 : 0;
            cd += direct.contains(a.codLuna()) ? 1 : 0;
            ci += indirect.contains(a.codLuna()) && !direct.contains(a.codLuna()) ? 1 : 0;
            pdp += promised.contains(a.codLuna()) ? 1 : 0;
        }
        BigDecimal recovered = BigDecimal.ZERO;
        for (Payment p : payments) {
            if (!p.fecha().isAfter(day)) {
                recovered = recovered.add(p.monto());
            }
        }
        Map<String, Object> row = new HashMap<>();
        row.put("cuentas", cuentas);
        row.put("clientes", (long) clients.size());
        row.put("deuda_asig", debt.doubleValue());
        row.put("deuda_act", debt.subtract(recovered).doubleValue());
        row.put("cuentas_gestionadas", gestionadas);
        row.put("cuentas_cd", cd);
        row.put("cuentas_ci", ci);
        row.put("cuentas_sc", gestionadas - cd - ci);
        row.put("cuentas_sg", cuentas - gestionadas);
        row.put("cuentas_pdp", pdp);
        row.put("recupero", recovered.doubleValue());
        // As the real mart: NULL when the divisor is 0.
        row.put("pct_cober", percentOrNull(gestionadas, cuentas));
        row.put("pct_contac", percentOrNull(cd, totalAttempts));
        row.put("pct_cd", percentOrNull(cd, cuentas));
        row.put("pct_ci", percentOrNull(ci, cuentas));
        row.put("pct_conversion", percentOrNull(pdp, cd));
        row.put("pct_efectividad", percentOrNull(pdp, gestionadas));
        row.put("pct_cierre", debt.signum() == 0 ? null : recovered.doubleValue() * 100 / debt.doubleValue());
        row.put("inten", gestionadas == 0 ? null : (double) totalAttempts / gestionadas);
        return row;
    }

    public int assignmentRows() {
        return assignments.size();
    }

    public int attemptRows() {
        return attempts.size();
    }

    public int snapshotRows() {
        return snapshots.size();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0.0 : part * 100.0 / whole;
    }

    private static Double percentOrNull(long part, long whole) {
        return whole == 0 ? null : part * 100.0 / whole;
    }

    private static List<String> keys(String table) {
        return CATALOG.require(table).keyColumns();
    }

    private static void putUnique(Map<List<Object>, Map<String, Object>> rows, List<String> keys, Map<String, Object> row) {
        List<Object> key = RowValues.key(keys.stream().map(row::get).toList());
        if (rows.put(key, row) != null) {
            throw new IllegalStateException("source has two rows for key " + key);
        }
    }

    private static boolean inWindow(LocalDate day, ExtractionWindow window) {
        return (window.from() == null || !day.isBefore(window.from())) && (window.to() == null || !day.isAfter(window.to()));
    }

    private static Predicate<Map<String, Object>> byFechaFoto(ExtractionWindow window) {
        return row -> inWindow(RowValues.date(row.get("fecha_foto")), window);
    }

    private static String periodo(LocalDate day) {
        return String.format("%04d-%02d", day.getYear(), day.getMonthValue());
    }
}
