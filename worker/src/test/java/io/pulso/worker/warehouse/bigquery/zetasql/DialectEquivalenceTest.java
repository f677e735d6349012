package io.pulso.worker.warehouse.bigquery.zetasql;

import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.CASE_AGENT;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.FIRST_DAY;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.LAST_DAY;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.LIMA;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.MULTI_PAIR_ARCHIVO;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.NEVER_ATTEMPTED_ARCHIVO;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.NIGHT_AGENT;
import static io.pulso.worker.warehouse.bigquery.zetasql.EdgeCaseRows.NIGHT_AGENT_NAME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.bigquery.BigQueryConfig;
import io.pulso.worker.warehouse.bigquery.BigQueryWarehouse;
import io.pulso.worker.warehouse.bigquery.JobPolling;
import io.pulso.worker.warehouse.demo.DemoDataGenerator;
import io.pulso.worker.warehouse.demo.DemoScale;
import io.pulso.worker.warehouse.demo.DemoTestData;
import io.pulso.worker.warehouse.demo.DemoWarehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dialect-equivalence check: one generator fills the demo warehouse (PostgreSQL) and, with the same rows, the
 * BigQuery views that ZetaSQL (GoogleSQL's reference engine) serves through a local REST endpoint; every table is
 * refreshed through each dialect's real path (workflow, activities, loader; the real google-cloud-bigquery client
 * for BigQuery) and the two destination databases must hold identical tables, column for column.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DialectEquivalenceTest {

    private static final String PROJECT = "pulso-zetasql";
    private static final String DATASET = BigQueryConfig.DEFAULT_DATASET;
    private static final String PREFIX = BigQueryConfig.DEFAULT_VIEW_PREFIX;
    /** Pages of 400 rows: most results span several pages. */
    private static final TableCatalog CATALOG = TableCatalog.pulso().withPageSize(400);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-09T15:00:00Z"), ZoneOffset.UTC);

    private static HikariDataSource warehouse;
    private static GoogleSqlBigQuery endpoint;
    private static DialectRefresher postgres;
    private static DialectRefresher bigquery;
    private static Map<String, Integer> backfillCounts;

    @BeforeAll
    static void sources() throws Exception {
        warehouse = DemoTestData.emptyWarehouse("dialects");
        DemoDataGenerator.generate(warehouse, DemoTestData.SEED, DemoScale.small(), DemoTestData.END_DATE);
        EdgeCaseRows.addTo(warehouse);
        GoogleSqlEngine engine = new GoogleSqlEngine();
        SourceViews.readFrom(warehouse, PROJECT, DATASET, PREFIX).forEach(engine::put);
        endpoint = new GoogleSqlBigQuery(engine, PROJECT);
        postgres = new DialectRefresher("postgres", CATALOG, new DemoWarehouse(warehouse), CLOCK);
        bigquery = new DialectRefresher("bigquery", CATALOG, bigQueryWarehouse(endpoint.url()), CLOCK);
        backfillTheWindow();
    }

    @AfterAll
    static void close() {
        bigquery.close();
        postgres.close();
        endpoint.close();
        warehouse.close();
    }

    /** Both dialects' destinations after a backfill of the window: what every test but the last one reads. */
    private static void backfillTheWindow() {
        emptyDestinations();
        backfillCounts = refreshBoth(table -> new RefreshRequest(table, RefreshMode.BACKFILL, null, FIRST_DAY, LAST_DAY,
                Trigger.API, null));
    }


    private static void emptyDestinations() {
        for (DialectRefresher dialect : List.of(postgres, bigquery)) {
            TestDatabase.execute(dialect.destination(), "TRUNCATE " + String.join(", ", CATALOG.names())
                    + ", etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        }
    }

    private static List<HikariDataSource> destinations() {
        return List.of(postgres.destination(), bigquery.destination());
    }

    @Test
    @Order(1)
    void aBackfillOfTheWindowGivesIdenticalTablesInBothDialects() {
        // refreshBoth (in @BeforeAll) asserted every run succeeded and every table identical.
        System.out.println("dialect equivalence, backfill " + FIRST_DAY + ".." + LAST_DAY + ", rows per table: "
                + backfillCounts);
        assertThat(backfillCounts).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        JsonNode fromParameter = extractionParameter("window_from");
        assertThat(fromParameter.path("parameterType").path("type").asText()).isEqualTo("DATE");
        assertThat(fromParameter.path("parameterValue").path("value").asText()).isEqualTo(FIRST_DAY.toString());
    }

    /** Defect 2: NULL KPIs (the mart's divisions by zero) load as 0 instead of failing the refresh. */
    @Test
    @Order(2)
    void nullKpisLoadAsZeroInBothDialects() {
        for (HikariDataSource db : destinations()) {
            assertThat(text(db, "SELECT concat_ws(' ', pct_cober, pct_contac, pct_cd, pct_ci, pct_conversion,"
                    + " pct_efectividad, pct_cierre, inten) FROM dashboard_data WHERE fecha_foto = '" + FIRST_DAY
                    + "' AND archivo = '" + MULTI_PAIR_ARCHIVO + "' AND cartera = 'ALTAS_NUEVAS'"))
                    .isEqualTo("0 0 0 0 0 0 0 0");
            assertThat(text(db, "SELECT concat_ws(' ', pct_cober, pct_contac, pct_conversion, pct_efectividad, inten)"
                    + " FROM dashboard_data WHERE archivo = '" + NEVER_ATTEMPTED_ARCHIVO + "'")).isEqualTo("0 0 0 0 0");
            assertThat(count(db, "SELECT count(*) FROM evolution_data WHERE archivo = '" + NEVER_ATTEMPTED_ARCHIVO
                    + "' AND pct_contac = 0 AND pct_efectividad = 0")).isEqualTo(1);
        }
    }

    /** Defect 3: one row per (fecha_foto, archivo), sums and percentages from the summed counts. */
    @Test
    @Order(3)
    void evolutionHasOneDeterministicRowPerFileAndDay() {
        for (HikariDataSource db : destinations()) {
            String firstDay = " FROM evolution_data WHERE fecha_foto = '" + FIRST_DAY + "' AND archivo = '"
                    + MULTI_PAIR_ARCHIVO + "'";
            assertThat(text(db, "SELECT cartera || '/' || servicio || ' ' || cuentas || ' ' || recupero" + firstDay))
                    .as("four pairs: cartera and servicio VARIOS, sums").isEqualTo("VARIOS/VARIOS 200 1333.58");
            assertThat(dbl(db, "SELECT pct_cober" + firstDay)).isEqualTo(110 * 100.0 / 200);
            assertThat(dbl(db, "SELECT pct_contac" + firstDay)).as("cd over attempts").isEqualTo(40 * 100.0 / 290);
            assertThat(dbl(db, "SELECT pct_efectividad" + firstDay)).isEqualTo(16 * 100.0 / 110);
            assertThat(dbl(db, "SELECT pct_cierre" + firstDay)).isEqualTo(1333.58 * 100 / 60000.60);
            assertThat(instant(db, "SELECT fecha_procesamiento" + firstDay))
                    .as("latest of the pairs, 00:20 Lima the next day")
                    .isEqualTo(FIRST_DAY.plusDays(1).atTime(0, 20).atZone(LIMA).toInstant());
            assertThat(text(db, "SELECT cartera || '/' || servicio FROM evolution_data WHERE fecha_foto = '"
                    + LAST_DAY + "' AND archivo = '" + MULTI_PAIR_ARCHIVO + "'")).isEqualTo("TEMPRANA/VARIOS");
            assertThat(count(db, "SELECT count(*) FROM evolution_data WHERE archivo = '" + MULTI_PAIR_ARCHIVO + "'"))
                    .as("only the window's days").isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM evolution_data")).isEqualTo(
                    count(db, "SELECT count(DISTINCT (fecha_foto, archivo)) FROM dashboard_data"));
        }
    }

    /** Lima days at the window's edges: 00:00 on the first day and 23:59:59 on the last are in, the next second not. */
    @Test
    @Order(4)
    void daysAndHoursAreLimaTimeAtTheWindowsEdges() {
        for (HikariDataSource db : destinations()) {
            assertThat(text(db, "SELECT string_agg(fecha_foto || ':' || total_gestiones || '/' || contactos_efectivos"
                    + " || '/' || total_pdp, ' ' ORDER BY fecha_foto) FROM productivity_data WHERE correo_agente = '"
                    + NIGHT_AGENT + "'")).isEqualTo(FIRST_DAY + ":2/1/1 " + LAST_DAY + ":2/1/0");
            assertThat(text(db, "SELECT DISTINCT nombre_agente FROM productivity_data WHERE correo_agente = '"
                    + NIGHT_AGENT + "'")).isEqualTo(NIGHT_AGENT_NAME);
            assertThat(text(db, "SELECT min(fecha_foto) || ' ' || max(fecha_foto) FROM operation_data"))
                    .isEqualTo(FIRST_DAY + " " + LAST_DAY);
            assertThat(count(db, "SELECT count(*) FROM operation_data WHERE (fecha_foto, hora) IN (('" + FIRST_DAY
                    + "', 0), ('" + LAST_DAY + "', 23)) AND canal = 'HUMANO'")).isEqualTo(2);
        }
    }

    /** fecha_procesamiento is a zone-less DATETIME in the view, in Lima time: 23:30 there is 04:30 UTC next day. */
    @Test
    @Order(5)
    void aZoneLessFechaProcesamientoIsReadAsLimaTime() {
        for (HikariDataSource db : destinations()) {
            assertThat(instant(db, "SELECT fecha_procesamiento FROM dashboard_data WHERE fecha_foto = '" + FIRST_DAY
                    + "' AND archivo = '" + MULTI_PAIR_ARCHIVO + "' AND cartera = 'TEMPRANA' AND servicio = 'MOVIL'"))
                    .isEqualTo(Instant.parse("2026-09-26T04:30:00Z"));
        }
    }

    /** Missing e-mails, canales and carteras, and names that differ in case, follow the SQL's documented rules. */
    @Test
    @Order(6)
    void missingValuesAndNamesFollowTheDocumentedRules() {
        for (HikariDataSource db : destinations()) {
            assertThat(text(db, "SELECT nombre_agente FROM productivity_data WHERE correo_agente = '" + CASE_AGENT
                    + "'")).as("greatest name in code-point order").isEqualTo("Ana Ibáñez");
            assertThat(count(db, "SELECT count(*) FROM productivity_data WHERE correo_agente = ''")).isZero();
            assertThat(count(db, "SELECT total_gestiones FROM operation_data WHERE fecha_foto = '" + FIRST_DAY
                    + "' AND hora = 14 AND canal = 'SIN_DATO'")).as("an attempt without canal").isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM assignment_data WHERE archivo = '" + MULTI_PAIR_ARCHIVO
                    + "' AND cartera = 'SIN_DATO' AND periodo = '2026-10'")).isEqualTo(1);
        }
    }

    /** Last: replaces the backfilled destinations. */
    @Test
    @Order(7)
    void aFullRefreshOfEveryTableGivesIdenticalTablesInBothDialects() {
        emptyDestinations();
        Map<String, Integer> counts = refreshBoth(table -> new RefreshRequest(table, RefreshMode.FULL_REFRESH, null,
                null, null, Trigger.API, null));

        System.out.println("dialect equivalence, full refresh, rows per table: " + counts);
        assertThat(counts).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
        JsonNode fromParameter = extractionParameter("window_from");
        assertThat(fromParameter.path("parameterType").path("type").asText()).isEqualTo("DATE");
        assertThat(fromParameter.path("parameterValue").path("value").isMissingNode()
                || fromParameter.path("parameterValue").path("value").isNull()).as("open bound as a typed NULL").isTrue();
    }

    /** Refreshes every table through both dialects, asserts the destinations identical, returns the row counts. */
    private static Map<String, Integer> refreshBoth(java.util.function.Function<String, RefreshRequest> request) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> differences = new ArrayList<>();
        for (TableDefinition table : CATALOG.all()) {
            RefreshResult viaPostgres = postgres.refresh(request.apply(table.name()));
            RefreshResult viaBigQuery = bigquery.refresh(request.apply(table.name()));
            assertThat(viaPostgres.status()).as("postgres " + table.name()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(viaBigQuery.status()).as("bigquery " + table.name()).isEqualTo(RunStatus.SUCCEEDED);
            var expected = DestinationTables.read(postgres.destination(), table);
            var actual = DestinationTables.read(bigquery.destination(), table);
            differences.addAll(DestinationTables.differences(table.name(), expected, actual));
            assertThat(viaBigQuery.counts()).as(table.name() + " counts").isEqualTo(viaPostgres.counts());
            assertThat(viaBigQuery.watermarkAfter()).as(table.name() + " watermark").isEqualTo(viaPostgres.watermarkAfter());
            counts.put(table.name(), expected.size());
        }
        assertThat(differences).as("postgres vs bigquery destination tables").isEmpty();
        return counts;
    }

    /** The named parameter as the worker sent it with the last extraction job. */
    private static JsonNode extractionParameter(String name) {
        List<GoogleSqlBigQuery.Request> inserts = endpoint.requests("POST", ".*/jobs");
        JsonNode last = inserts.get(inserts.size() - 1).json();
        for (int i = inserts.size() - 1; i >= 0; i--) {
            JsonNode job = inserts.get(i).json();
            if ("extract".equals(job.path("configuration").path("labels").path("purpose").asText())) {
                last = job;
                break;
            }
        }
        for (JsonNode parameter : last.path("configuration").path("query").path("queryParameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter @" + name + " in " + last);
    }

    private static BigQueryWarehouse bigQueryWarehouse(String url) {
        BigQuery client = BigQueryOptions.newBuilder().setHost(url).setProjectId(PROJECT)
                .setCredentials(NoCredentials.getInstance()).build().getService();
        BigQueryConfig config = new BigQueryConfig(PROJECT, PROJECT, DATASET, PREFIX, "US", 5_000_000_000L,
                Duration.ofSeconds(60), url, NoCredentials.getInstance());
        return new BigQueryWarehouse(client, config, new JobPolling(Duration.ofMillis(5), Duration.ofMillis(20)));
    }

    private static String text(HikariDataSource db, String sql) {
        return DemoTestData.text(db, sql);
    }

    private static long count(HikariDataSource db, String sql) {
        return DemoTestData.count(db, sql);
    }

    private static double dbl(HikariDataSource db, String sql) {
        return Double.parseDouble(DemoTestData.text(db, sql));
    }

    private static Instant instant(HikariDataSource db, String sql) {
        return Instant.parse(DemoTestData.text(db, "SELECT to_char((" + sql + ") AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"));
    }
}
