package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.grpc.Status;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Refreshes whose pages are read through the Storage Read API: the real workflow, activities and loader on embedded
 * PostgreSQL, the BigQuery warehouse with the real REST client on {@link FakeBigQuery} (the extraction and watermark
 * jobs) and the real Read API client on {@link FakeBigQueryRead} (sessions and Arrow streams of the same rows).
 * Results of 20 rows in 3 streams (rows 0-6, 7-13, 14-19), pages of 3 taken round robin: (stream 0, offset 0),
 * (1, 0), (2, 0), (0, 3), (1, 3), (2, 3), (0, 6), (1, 6); stream 2's second page ends it.
 */
class ReadApiRefreshTest {

    private static final String QUEUE = "readapi-refresh-test";
    private static final TableCatalog CATALOG = FakeBigQueryRefreshTest.CATALOG;
    private static final int ROWS = 20;
    private static final int STREAMS = 3;
    private static final RowCounts ALL_INSERTED = new RowCounts(ROWS, ROWS, 0, 0, 0, 0);
    /** The stream of each page, in page order, as the round-robin layout takes them. */
    private static final List<Integer> PAGE_STREAMS = List.of(0, 1, 2, 0, 1, 2, 0, 1);

    private static HikariDataSource db;
    private static Map<String, TableSchema> schemas;
    private FakeBigQuery fake;
    private FakeBigQueryRead read;
    private TestWorkflowEnvironment env;
    private BigQueryWarehouse warehouse;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("readapi");
        schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void startFakes() throws Exception {
        truncate();
        fake = new FakeBigQuery();
        read = new FakeBigQueryRead(fake);
        read.streamsPerSession(STREAMS);
    }

    @AfterEach
    void stopAll() {
        stopWorker();
        read.close();
        fake.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dashboard_data", "evolution_data", "assignment_data", "operation_data", "productivity_data"})
    void theReadApiPathLoadsExactlyWhatTheRestPathLoads(String table) throws SQLException {
        fake.result(table, SourceResults.of(schemas.get(table), ROWS));
        startWorker(ReadApiConfig.OFF);
        RefreshResult rest = refresh(table);
        List<List<String>> restRows = destination(table);
        stopWorker();
        truncate();

        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)));
        RefreshResult result = refresh(table);

        assertThat(rest.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED).isEqualTo(rest.counts());
        assertThat(result.pages()).isEqualTo(PAGE_STREAMS.size());
        assertThat(result.watermarkAfter()).isEqualTo(rest.watermarkAfter()).isEqualTo(SourceResults.maxDate(ROWS));
        assertThat(restRows).hasSize(ROWS);
        assertThat(destination(table)).as("every column of every row as the REST path loaded it").isEqualTo(restRows);
        assertThat(read.sessionsCreated()).isEqualTo(1);
        assertThat(pageStreams(result)).as("pages take the streams in turn").isEqualTo(PAGE_STREAMS);
        assertThat(read.reads()).as("one ReadRows call per stream, each started before stream 0 was done")
                .containsExactly(new FakeBigQueryRead.ReadCall(1, 0, 0), new FakeBigQueryRead.ReadCall(1, 1, 0),
                        new FakeBigQueryRead.ReadCall(1, 2, 0));
        assertThat(fake.requests("GET", ".*/tables/" + sessionTable(0) + "/data")).as("no tabledata.list of the result").isEmpty();
    }

    @Test
    void aKeyInTwoStreamsFailsTheRunWithTheSameVerdictAsOverRest() throws SQLException {
        TableSchema schema = schemas.get("assignment_data");
        fake.result("assignment_data", withKeyOf(schema, 9, 2)); // row 9 (stream 1) takes row 2's key (stream 0)
        startWorker(ReadApiConfig.OFF);
        assertThatThrownBy(() -> refresh("assignment_data")).isInstanceOf(WorkflowFailedException.class);
        RunRecord rest = new ExecutionLogRepository(db).list("assignment_data", null, 10, 0).get(0);
        stopWorker();
        truncate();

        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> refresh("assignment_data")).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = new ExecutionLogRepository(db).list("assignment_data", null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED).isEqualTo(rest.status());
        assertThat(failed.errorMessage()).as("the key named, as over REST").isEqualTo(rest.errorMessage())
                .contains("on more than one page");
        assertThat(count("SELECT count(*) FROM assignment_data")).as("pages are committed; the verdict comes at the finish")
                .isEqualTo(ROWS - 1);
    }

    @Test
    void aKeyInTwoStreamsEndsWithTheRowOfTheLaterPageInRoundRobinOrder() throws SQLException {
        // evolution_data without the unique-key promise: a repeated key is an upsert, the last page's row wins.
        TableCatalog catalog = new TableCatalog(CATALOG.all().stream().map(t -> !t.name().equals("evolution_data") ? t
                : new TableDefinition(t.name(), t.group(), t.keyColumns(), t.incrementalColumn(), t.windowColumn(),
                t.lookbackDays(), t.pageSize(), t.refreshInterval(), t.deleteVanished(), t.minExpectedRows(), t.windowUnit(),
                t.deletionGuard(), false)).toList());
        Map<String, TableSchema> repeatable = new CatalogSchemaVerifier(db).verify(catalog);
        TableSchema schema = repeatable.get("evolution_data");
        // Row 5 (stream 0's second page, page 3) takes row 8's key (stream 1's first page, page 1): stream after stream
        // row 8 would come last, round robin row 5 does.
        FakeBigQuery.Result result = withKeyOf(schema, 5, 8);
        List<List<String>> rows = result.rows();
        List<List<String>> inPageOrder = new ArrayList<>();
        for (int[] page : new int[][] {{0, 3}, {7, 10}, {14, 17}, {3, 6}, {10, 13}, {17, 20}, {6, 7}, {13, 14}}) {
            inPageOrder.addAll(rows.subList(page[0], page[1]));
        }
        fake.result("evolution_data", new FakeBigQuery.Result(result.columns(), inPageOrder));
        startWorker(ReadApiConfig.OFF, catalog, repeatable);
        RefreshResult rest = refresh("evolution_data");
        List<List<String>> restRows = destination("evolution_data");
        stopWorker();
        truncate();

        for (int run = 0; run < 2; run++) {
            fake.result("evolution_data", result);
            startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)), catalog, repeatable);
            RefreshResult readApi = refresh("evolution_data");
            stopWorker();

            assertThat(readApi.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(readApi.counts()).as("as REST loads the rows in round-robin page order").isEqualTo(rest.counts());
            assertThat(destination("evolution_data")).as("run " + run).isEqualTo(restRows).hasSize(ROWS - 1);
            assertThat(text("SELECT cartera FROM evolution_data WHERE archivo = 'A8'")).as("the later page's row")
                    .isEqualTo("cartera-5");
            truncate();
        }
    }

    @Test
    void aStreamThatBreaksMidPageIsResumedAtTheNextRowWithExactCounts() throws SQLException {
        fake.result("evolution_data", SourceResults.of(schemas.get("evolution_data"), ROWS));
        read.failAtRow(1, 5, 1); // stream 1's call breaks after row 4, inside page (1, 3) read ahead on it
        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)));

        RefreshResult result = refresh("evolution_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED);
        assertThat(count("SELECT count(DISTINCT (fecha_foto, archivo)) FROM evolution_data")).isEqualTo(ROWS);
        assertThat(read.offsets(1, 1)).as("the client resumed ReadRows at the row after the last one received")
                .containsExactly(0L, 5L);
        assertThat(read.offsets(1, 0)).containsExactly(0L);
        assertThat(read.offsets(1, 2)).containsExactly(0L);
        assertThat(attempts(result)).isEqualTo(1);
    }

    @Test
    void aStreamThatKeepsBreakingFailsItsPageAfterTheClientsAttemptsAndTheRetryResumesThere() throws SQLException {
        fake.result("productivity_data", SourceResults.of(schemas.get("productivity_data"), ROWS));
        read.failAt(1, 0, 0, 5); // five calls on stream 1 from offset 0 break at once: all of the client's attempts
        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)));

        RefreshResult result = refresh("productivity_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED);
        assertThat(count("SELECT count(*) FROM productivity_data")).isEqualTo(ROWS);
        assertThat(read.offsets(1, 0)).as("committed pages are not read again").containsExactly(0L);
        assertThat(read.offsets(1, 1)).as("five attempts in the client, then the load's retry at the page's offset")
                .containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(read.offsets(1, 2)).containsExactly(0L);
        assertThat(attempts(result)).isGreaterThan(1);
    }

    @Test
    void aStalledPageReadAheadIsReadAgainByANewCallFromItsOffsetWhileTheOtherStreamsGoOn() throws SQLException {
        fake.result("operation_data", SourceResults.of(schemas.get("operation_data"), ROWS));
        read.stallAtRow(2, 4); // stream 2's call stalls after row 3, inside page (2, 3) read ahead on it
        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(1)));

        RefreshResult result = refresh("operation_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED);
        assertThat(count("SELECT count(*) FROM operation_data")).isEqualTo(ROWS);
        assertThat(read.offsets(1, 2)).as("the stalled page read again by a new call from its offset")
                .containsExactly(0L, 3L);
        assertThat(read.offsets(1, 0)).as("the other streams' calls and read-ahead went on").containsExactly(0L);
        assertThat(read.offsets(1, 1)).containsExactly(0L);
        assertThat(pageStreams(result)).isEqualTo(PAGE_STREAMS);
    }

    @Test
    void aStreamThatStallsOnAPageReadDirectlyFailsTheAttemptAndTheRetryReadsThatPageFromItsOffset() throws SQLException {
        fake.result("operation_data", SourceResults.of(schemas.get("operation_data"), ROWS));
        read.stallAtRow(2, 1); // stream 2's first call stalls after row 0, inside its first page, read directly
        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(1)));

        RefreshResult result = refresh("operation_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED);
        assertThat(count("SELECT count(*) FROM operation_data")).isEqualTo(ROWS);
        assertThat(attempts(result)).as("the page's timeout failed the attempt").isGreaterThan(1);
        assertThat(read.offsets(1, 2)).as("the retry read the page again from its offset").containsExactly(0L, 0L);
        assertThat(read.offsets(1, 0)).as("stream 0's committed page not read again; its next page, read ahead on its call, "
                + "outlived the failed attempt").containsExactly(0L);
        assertThat(pageStreams(result)).isEqualTo(PAGE_STREAMS);
    }

    @Test
    void anExpiredSessionIsReplacedByANewOneOnTheSameTableThatMapsTheRemainingPages() throws SQLException {
        fake.result("assignment_data", SourceResults.of(schemas.get("assignment_data"), ROWS));
        read.expireAt(2, 0); // the session expires when page (2, 0) is read: pages (0, 0) and (1, 0) are loaded
        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)));

        RefreshResult result = refresh("assignment_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED);
        assertThat(count("SELECT count(*) FROM assignment_data")).isEqualTo(ROWS);
        assertThat(count("SELECT count(DISTINCT (periodo, archivo, cartera)) FROM assignment_data")).isEqualTo(ROWS);
        assertThat(read.sessionsCreated()).isEqualTo(2);
        assertThat(read.sessionRequests()).as("the new session is on the same result table").hasSize(2).containsOnly(
                read.sessionRequests().get(0));
        assertThat(read.offsets(1, 0)).containsExactly(0L);
        assertThat(read.offsets(1, 1)).containsExactly(0L);
        assertThat(read.offsets(1, 2)).containsExactly(0L);
        assertThat(read.offsets(2, 0)).as("the new session's streams read from their start, to the pages' offsets")
                .containsExactly(0L);
        assertThat(read.offsets(2, 1)).containsExactly(0L);
        assertThat(read.offsets(2, 2)).containsExactly(0L);
        assertThat(pageStreams(result)).as("the same layout in the new session").isEqualTo(PAGE_STREAMS);
        assertThat(warehouse.pagesReadAhead()).as("the expired session's read-ahead was dropped, the run's released")
                .isZero();
        assertThat(attempts(result)).isEqualTo(1);
    }

    @Test
    void aDeniedSessionFallsBackToTabledataListInAutoMode() throws SQLException {
        fake.result("dashboard_data", SourceResults.of(schemas.get("dashboard_data"), ROWS));
        read.denySessions(Status.PERMISSION_DENIED.withDescription(
                "Permission bigquery.readsessions.create denied on resource projects/fake-project"));
        startWorker(readApi(ReadApiConfig.Mode.AUTO, Duration.ofSeconds(30)));

        RefreshResult result = refresh("dashboard_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(ALL_INSERTED);
        assertThat(count("SELECT count(*) FROM dashboard_data")).isEqualTo(ROWS);
        assertThat(read.sessionRequests()).hasSize(1);
        assertThat(read.reads()).isEmpty();
        assertThat(fake.requests("GET", ".*/tables/" + sessionTable(0) + "/data")).as("pages read over REST")
                .hasSize((ROWS + 2) / 3);
        assertThat(warehouse.readsThroughReadApi()).isFalse();
    }

    @Test
    void aDeniedSessionFailsTheRunWithoutRetryWhenTheReadApiIsRequired() {
        fake.result("dashboard_data", SourceResults.of(schemas.get("dashboard_data"), ROWS));
        read.denySessions(Status.PERMISSION_DENIED.withDescription(
                "Permission bigquery.readsessions.create denied on resource projects/fake-project"));
        startWorker(readApi(ReadApiConfig.Mode.ON, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> refresh("dashboard_data")).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = new ExecutionLogRepository(db).list("dashboard_data", null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).contains("accessDenied").contains("bigquery.readsessions.create")
                .contains("BIGQUERY_READ_API=on");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(read.sessionRequests()).as("not retried").hasSize(1);
    }

    private static ReadApiConfig readApi(ReadApiConfig.Mode mode, Duration pageTimeout) {
        return new ReadApiConfig(mode, STREAMS, pageTimeout, null);
    }

    /** {@code schema}'s result with row {@code row} taking the key of row {@code keyOf}. */
    private static FakeBigQuery.Result withKeyOf(TableSchema schema, int row, int keyOf) {
        FakeBigQuery.Result unique = SourceResults.of(schema, ROWS);
        List<List<String>> rows = new ArrayList<>(unique.rows());
        List<String> moved = new ArrayList<>(rows.get(row));
        for (String key : schema.definition().keyColumns()) {
            int i = unique.columns().stream().map(FakeBigQuery.Column::name).toList().indexOf(key);
            moved.set(i, rows.get(keyOf).get(i));
        }
        rows.set(row, moved);
        return new FakeBigQuery.Result(unique.columns(), rows);
    }

    /** The stream each committed page of the run was read from, by the ledger's page tokens. */
    private static List<Integer> pageStreams(RefreshResult result) throws SQLException {
        List<Integer> streams = new ArrayList<>(List.of(0));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT next_page_token FROM etl_page_ledger WHERE run_id = '" + result.runId()
                     + "' ORDER BY page_index")) {
            while (rs.next()) {
                String token = rs.getString(1);
                if (token != null) {
                    assertThat(token).startsWith("readapi2:");
                    streams.add(ReadApiToken.parse(token).stream());
                }
            }
        }
        return streams;
    }

    private void startWorker(ReadApiConfig readApi) {
        startWorker(readApi, CATALOG, schemas);
    }

    private void startWorker(ReadApiConfig readApi, TableCatalog catalog, Map<String, TableSchema> verified) {
        warehouse = FakeBigQueryWarehouses.readApi(fake, read, readApi);
        env = TestWorkflowEnvironment.newInstance();
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(catalog, verified, warehouse, db,
                FakeBigQueryRefreshTest.CLOCK, new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))));
        env.start();
    }

    private void stopWorker() {
        if (env != null) {
            env.close();
            env = null;
        }
        if (warehouse != null) {
            warehouse.close();
            warehouse = null;
        }
    }

    private RefreshResult refresh(String table) {
        RefreshTableWorkflow workflow = env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(table)).build());
        return workflow.refresh(new RefreshRequest(table, RefreshMode.INCREMENTAL, null, null, null, Trigger.API, null));
    }

    /** The table id of the result the i-th CreateReadSession asked for. */
    private String sessionTable(int i) {
        String table = read.sessionRequests().get(i);
        return table.substring(table.lastIndexOf('/') + 1);
    }

    private static int attempts(RefreshResult result) {
        return new ExecutionLogRepository(db).find(result.runId()).orElseThrow().attempts();
    }

    private static void truncate() {
        TestDatabase.execute(db, "TRUNCATE " + String.join(", ", CATALOG.names())
                + ", etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
    }

    /** The table's data columns, every value as text, rows in order. */
    private static List<List<String>> destination(String table) throws SQLException {
        List<String> columns = schemas.get(table).dataColumnNames();
        String select = columns.stream().map(c -> c + "::text").collect(Collectors.joining(", "));
        String order = java.util.stream.IntStream.rangeClosed(1, columns.size()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + select + " FROM " + table + " ORDER BY " + order)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String text(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
