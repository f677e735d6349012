package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.demo.Portfolio.Account;
import io.pulso.worker.warehouse.demo.Portfolio.Archivo;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the demo warehouse's four source tables with realistic collections data.
 *
 * <p>Deterministic: the same seed, scale and end date give byte-identical tables. All randomness comes from
 * {@link SplittableRandom}s derived from the seed (one per concern, so changing how payments are drawn does not
 * reshuffle the attempts), and nothing reads a clock. Raw rows are loaded with COPY; dashboard_cobranzas is then
 * computed from them by SQL ({@code dashboard-cobranzas.sql}, which documents the KPI semantics). Everything
 * happens in one transaction, so a failed generation leaves the tables as they were.
 */
public final class DemoDataGenerator {

    private static final Logger log = LoggerFactory.getLogger(DemoDataGenerator.class);

    /** Keeps two generators from filling the same warehouse at once. */
    private static final long GENERATION_LOCK = 0x5075_6C73_6F47_454EL;

    private static final List<String> ASIGNACIONES_COLUMNS = List.of("archivo", "fecha_asignacion_real", "cartera",
            "negocio", "cod_luna", "cuenta", "deuda_inicial", "monto_exigible_diario", "estado_deudor");

    private DemoDataGenerator() {
    }

    /** Generates into empty source tables; refuses (IllegalStateException) when any of them holds rows. */
    public static GenerationSummary generate(DataSource warehouse, long seed, DemoScale scale, LocalDate endDate) {
        return generate(warehouse, seed, scale, endDate, false);
    }

    /**
     * Generates the demo data. With {@code replaceExisting} the four source tables are emptied first (extraction
     * results already kept are left alone); without it, non-empty tables make this fail.
     */
    public static GenerationSummary generate(DataSource warehouse, long seed, DemoScale scale, LocalDate endDate,
                                             boolean replaceExisting) {
        return run(warehouse, seed, scale, endDate, replaceExisting ? WhenNotEmpty.REPLACE : WhenNotEmpty.FAIL)
                .orElseThrow();
    }

    /** Generates only when the source tables are empty, deciding under the same lock that guards generation. */
    static Optional<GenerationSummary> generateIfEmpty(DataSource warehouse, long seed, DemoScale scale,
                                                       LocalDate endDate) {
        return run(warehouse, seed, scale, endDate, WhenNotEmpty.SKIP);
    }

    private enum WhenNotEmpty { FAIL, REPLACE, SKIP }

    private static Optional<GenerationSummary> run(DataSource warehouse, long seed, DemoScale scale, LocalDate endDate,
                                                   WhenNotEmpty whenNotEmpty) {
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(endDate, "endDate");
        DemoSourceSchema.apply(warehouse);
        long started = System.nanoTime();
        try (Connection c = warehouse.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<GenerationSummary> summary = fill(c, seed, scale, endDate, whenNotEmpty);
                c.commit();
                summary.ifPresent(s -> log.info("demo warehouse generated in {} ms: seed {}, {} days to {}, "
                                + "{} asignaciones, {} gestiones, {} pagos, {} dashboard_cobranzas rows",
                        (System.nanoTime() - started) / 1_000_000, seed, scale.days(), endDate, s.asignaciones(),
                        s.gestiones(), s.pagos(), s.dashboardCobranzas()));
                return summary;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot generate the demo warehouse data: " + e.getMessage(), e);
        }
    }

    private static Optional<GenerationSummary> fill(Connection c, long seed, DemoScale scale, LocalDate endDate,
                                                    WhenNotEmpty whenNotEmpty) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + GENERATION_LOCK + ")");
        }
        if (!DemoSourceSchema.sourceIsEmpty(c)) {
            switch (whenNotEmpty) {
                case SKIP -> {
                    return Optional.empty();
                }
                case FAIL -> throw new IllegalStateException("the demo warehouse already holds source data; "
                        + "generate with replaceExisting=true to regenerate it");
                case REPLACE -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("TRUNCATE " + String.join(", ", DemoSourceSchema.SOURCE_TABLES));
                    }
                }
            }
        }
        LocalDate firstDate = endDate.minusDays(scale.days() - 1L);
        Portfolio portfolio = PortfolioGenerator.generate(stream(seed, 1), scale, endDate);
        AgentRoster roster = AgentRoster.generate(stream(seed, 2), scale.agents());

        ContactAttemptGenerator.Outcome attempts;
        try (CopyRowWriter out = new CopyRowWriter(c, DemoSourceSchema.GESTIONES, ContactAttemptGenerator.COLUMNS)) {
            attempts = ContactAttemptGenerator.write(out, stream(seed, 3), portfolio, roster, scale, firstDate, endDate);
            out.finish();
        }
        BigDecimal[] paid;
        long pagos;
        try (CopyRowWriter out = new CopyRowWriter(c, DemoSourceSchema.PAGOS, PaymentGenerator.COLUMNS)) {
            paid = PaymentGenerator.write(out, stream(seed, 4), portfolio, attempts.firstPromiseByClient(), endDate);
            pagos = out.finish();
        }
        long asignaciones = writeAssignments(c, portfolio, paid);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + DemoSourceSchema.ASIGNACIONES + ", " + DemoSourceSchema.GESTIONES + ", "
                    + DemoSourceSchema.PAGOS);
        }
        long dashboard = computeDashboard(c, portfolio.archivos());
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE " + DemoSourceSchema.DASHBOARD_COBRANZAS);
        }
        return Optional.of(new GenerationSummary(seed, scale, firstDate, endDate, asignaciones, attempts.rows(), pagos,
                dashboard));
    }

    /** Current debt (monto_exigible_diario) is the initial debt minus what the account paid. */
    private static long writeAssignments(Connection c, Portfolio portfolio, BigDecimal[] paid) throws SQLException {
        try (CopyRowWriter out = new CopyRowWriter(c, DemoSourceSchema.ASIGNACIONES, ASIGNACIONES_COLUMNS)) {
            for (Account account : portfolio.accounts()) {
                Archivo archivo = account.client().archivo();
                out.text(archivo.name()).date(account.client().assignedOn()).text(archivo.cartera().name())
                        .text(archivo.servicio().name()).text(account.client().codLuna()).text(account.cuenta())
                        .number(account.deudaInicial()).number(account.deudaInicial().subtract(paid[account.index()]))
                        .text(account.estadoDeudor());
                out.endRow();
            }
            return out.finish();
        }
    }

    private static long computeDashboard(Connection c, List<Archivo> archivos) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE demo_archivo_calendar (archivo varchar(100) PRIMARY KEY, "
                    + "cartera varchar(50) NOT NULL, servicio varchar(20) NOT NULL, desde date NOT NULL, "
                    + "hasta date NOT NULL) ON COMMIT DROP");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO demo_archivo_calendar VALUES (?, ?, ?, ?, ?)")) {
            for (Archivo archivo : archivos) {
                insert.setString(1, archivo.name());
                insert.setString(2, archivo.cartera().name());
                insert.setString(3, archivo.servicio().name());
                insert.setObject(4, archivo.assignedOn());
                insert.setObject(5, archivo.lastWorkedDay());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(DemoSourceSchema.resource("dashboard-cobranzas.sql"));
        }
    }

    /** An independent random stream per concern, derived from the seed. */
    private static SplittableRandom stream(long seed, int concern) {
        return new SplittableRandom(seed * 0x9E37_79B9_7F4A_7C15L + concern * 0xBF58_476D_1CE4_E5B9L);
    }
}
