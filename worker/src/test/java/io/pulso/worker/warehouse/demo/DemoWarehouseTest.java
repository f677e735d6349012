package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.WarehouseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeping, paging and releasing results; error handling. Correctness of the data is DemoWarehouseExtractionTest. */
class DemoWarehouseTest {

    private static final TableCatalog CATALOG = TableCatalog.pulso();
    private static final TableDefinition OPERATION = CATALOG.require("operation_data");
    private static final TableDefinition DASHBOARD = CATALOG.require("dashboard_data");
    private static HikariDataSource warehouse;
    private static DemoWarehouse demo;

    @BeforeAll
    static void generate() {
        warehouse = DemoTestData.smallWarehouse();
        demo = new DemoWarehouse(warehouse);
    }

    @Test
    void pagesOfSevenDeliverEveryRowExactlyOnceInKeyOrder() {
        ExtractionHandle handle = demo.runExtraction(OPERATION, ExtractionWindow.unbounded(), "paging-run");
        try {
            PagedResult result = PagedResult.readAll(demo, handle, 7);

            assertThat(handle.totalRows()).isGreaterThan(100);
            assertThat(result.rows()).hasSize((int) handle.totalRows());
            assertThat(result.pages()).hasSize((int) ((handle.totalRows() + 6) / 7));
            List<Page> allButLast = result.pages().subList(0, result.pages().size() - 1);
            assertThat(allButLast).allSatisfy(page -> {
                assertThat(page.rows()).hasSize(7);
                assertThat(page.nextPageToken()).isNotNull();
            });
            Page last = result.pages().get(result.pages().size() - 1);
            assertThat(last.rows()).hasSize((int) (handle.totalRows() - 7L * allButLast.size()));
            assertThat(last.nextPageToken()).isNull();
            assertThat(last.isLast()).isTrue();

            List<List<Object>> keys = result.rows().stream().map(DemoWarehouseTest::operationKey).toList();
            assertThat(keys).doesNotHaveDuplicates();
            List<List<Object>> sorted = new ArrayList<>(keys);
            sorted.sort(KEY_ORDER);
            assertThat(keys).containsExactlyElementsOf(sorted);
        } finally {
            demo.release(handle);
        }
    }

    @Test
    void aPageSizeThatDividesTheResultEndsWithAFullPageAndNoToken() {
        ExtractionHandle handle = demo.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "exact-pages-run");
        try {
            int total = (int) handle.totalRows();
            Page whole = demo.readPage(handle, null, total);
            assertThat(whole.rows()).hasSize(total);
            assertThat(whole.nextPageToken()).isNull();

            Page first = demo.readPage(handle, null, total - 1);
            Page second = demo.readPage(handle, first.nextPageToken(), total - 1);
            assertThat(first.rows()).hasSize(total - 1);
            assertThat(second.rows()).hasSize(1);
            assertThat(second.nextPageToken()).isNull();
            assertThat(second.rows().get(0)).containsExactly(whole.rows().get(total - 1));
        } finally {
            demo.release(handle);
        }
    }

    @Test
    void readingTheSameTokenTwiceGivesTheSameRows() {
        ExtractionHandle handle = demo.runExtraction(OPERATION, ExtractionWindow.unbounded(), "same-token-run");
        try {
            Page first = demo.readPage(handle, null, 50);
            Page again = demo.readPage(handle, null, 50);
            Page second = demo.readPage(handle, first.nextPageToken(), 50);
            Page secondAgain = demo.readPage(handle, first.nextPageToken(), 50);

            assertThat(again.rows()).zipSatisfy(first.rows(), (a, b) -> assertThat(a).containsExactly(b));
            assertThat(secondAgain.rows()).zipSatisfy(second.rows(), (a, b) -> assertThat(a).containsExactly(b));
            assertThat(secondAgain.nextPageToken()).isEqualTo(second.nextPageToken());
            assertThat(operationKey(row(second, 0))).isNotEqualTo(operationKey(row(first, 0)));
        } finally {
            demo.release(handle);
        }
    }

    @Test
    void runningTheSameRunTwiceReturnsTheKeptResultWithoutRunningAgain() {
        long tablesBefore = resultTables();
        ExtractionWindow window = new ExtractionWindow(LocalDate.of(2026, 10, 1), null);
        ExtractionHandle first = demo.runExtraction(OPERATION, window, "twice-run");
        ExtractionHandle second = demo.runExtraction(OPERATION, window, "twice-run");
        try {
            assertThat(second).isEqualTo(first);
            assertThat(resultTables()).isEqualTo(tablesBefore + 1);
            assertThat(DemoTestData.count(warehouse, "SELECT count(*) FROM etl_results.manifest WHERE run_id = 'twice-run'"))
                    .isEqualTo(1);

            ExtractionHandle otherTable = demo.runExtraction(DASHBOARD, window, "twice-run");
            ExtractionHandle otherRun = demo.runExtraction(OPERATION, window, "another-run");
            assertThat(otherTable.resultId()).isNotEqualTo(first.resultId());
            assertThat(otherRun.resultId()).isNotEqualTo(first.resultId());
            assertThat(otherRun.totalRows()).isEqualTo(first.totalRows());
            demo.release(otherTable);
            demo.release(otherRun);
        } finally {
            demo.release(first);
        }
    }

    @Test
    void concurrentAttemptsOfOneRunKeepOneResult() throws Exception {
        long tablesBefore = resultTables();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<ExtractionHandle> attempt = () -> demo.runExtraction(OPERATION, ExtractionWindow.unbounded(), "racing-run");
            List<Future<ExtractionHandle>> futures = pool.invokeAll(Collections.nCopies(4, attempt));
            List<ExtractionHandle> handles = new ArrayList<>();
            for (Future<ExtractionHandle> f : futures) {
                handles.add(f.get());
            }
            assertThat(handles).containsOnly(handles.get(0));
            assertThat(resultTables()).isEqualTo(tablesBefore + 1);
            demo.release(handles.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameRunWithAnotherWindowIsRefused() {
        ExtractionHandle handle = demo.runExtraction(OPERATION, ExtractionWindow.unbounded(), "window-conflict-run");
        try {
            WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> demo.runExtraction(OPERATION,
                    new ExtractionWindow(LocalDate.of(2026, 10, 1), null), "window-conflict-run"));
            assertThat(e.retryable()).isFalse();
            assertThat(e.reason()).isEqualTo("conflict");
            assertThat(e).hasMessageContaining("window-conflict-run");
        } finally {
            demo.release(handle);
        }
    }

    @Test
    void releaseDropsTheResultAndIsSafeTwice() {
        long tablesBefore = resultTables();
        ExtractionHandle handle = demo.runExtraction(OPERATION, ExtractionWindow.unbounded(), "release-run");
        assertThat(resultTables()).isEqualTo(tablesBefore + 1);

        demo.release(handle);
        demo.release(handle);

        assertThat(resultTables()).isEqualTo(tablesBefore);
        assertThat(DemoTestData.count(warehouse, "SELECT count(*) FROM etl_results.manifest WHERE run_id = 'release-run'"))
                .isZero();
        WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> demo.readPage(handle, null, 10));
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("notFound");
        assertThat(e).hasMessageContaining(handle.resultId()).hasMessageContaining("does not exist");

        ExtractionHandle rerun = demo.runExtraction(OPERATION, ExtractionWindow.unbounded(), "release-run");
        assertThat(rerun).isEqualTo(handle);
        demo.release(rerun);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "row:", "row:-1", "row:1x", "row:01", "ROW:5", " row:5", "row:99999999999999999999"})
    void malformedTokensAreRejectedAsNotRetryable(String token) {
        ExtractionHandle handle = demo.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "token-run");
        WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> demo.readPage(handle, token, 10));
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("invalidRequest");
        assertThat(e).hasMessageContaining("malformed page token");
        demo.release(handle);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001, Integer.MAX_VALUE})
    void pageSizesOutsideOneTo100000AreRejected(int pageSize) {
        ExtractionHandle handle = new ExtractionHandle("r_000000000000000000000000", 0, null, List.of("fecha_foto"));
        WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> demo.readPage(handle, null, pageSize));
        assertThat(e.retryable()).isFalse();
        assertThat(e.reason()).isEqualTo("invalidRequest");
        assertThat(e).hasMessage("page size must be between 1 and 100000, got " + pageSize);
    }

    @Test
    void aHandleThatIsNotADemoResultIsRejectedBeforeAnySql() {
        ExtractionHandle forged = new ExtractionHandle("r_1; DROP TABLE x", 0, null, List.of("fecha_foto"));
        WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> demo.readPage(forged, null, 10));
        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessageContaining("not a demo warehouse result id");
        assertThatThrownBy(() -> demo.release(forged)).isInstanceOf(WarehouseException.class);
    }

    @Test
    void anEmptyResultHasNoRowsNoMaxAndOneLastPage() {
        ExtractionWindow past = new ExtractionWindow(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31));
        ExtractionHandle handle = demo.runExtraction(OPERATION, past, "empty-run");
        try {
            assertThat(handle.totalRows()).isZero();
            assertThat(handle.maxIncremental()).isNull();
            Page page = demo.readPage(handle, null, 100);
            assertThat(page.rows()).isEmpty();
            assertThat(page.nextPageToken()).isNull();
            assertThat(page.columns()).isEqualTo(handle.columns());
        } finally {
            demo.release(handle);
        }
    }

    @Test
    void windowDatesAreBoundAsParametersNeverWrittenIntoTheSql() {
        RecordingDataSource recording = new RecordingDataSource(warehouse);
        DemoWarehouse observed = new DemoWarehouse(recording.dataSource());
        ExtractionWindow window = new ExtractionWindow(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 10, 3));

        List<ExtractionHandle> handles = CATALOG.all().stream()
                .map(table -> observed.runExtraction(table, window, "bound-run")).toList();
        handles.forEach(h -> observed.readPage(h, null, 5));
        handles.forEach(observed::release);

        List<String> extractions = recording.statements().stream().filter(sql -> sql.contains("bi_usa.")).toList();
        assertThat(extractions).hasSize(2 * CATALOG.all().size()); // the LIMIT 0 probe and the INSERT ... SELECT
        assertThat(extractions).allSatisfy(sql -> {
            String code = sql.replaceAll("--[^\\n]*", ""); // the SQL files' comments mention the parameter names
            assertThat(code).contains("CAST(? AS date)").doesNotContain(":window_").doesNotContain("2026-");
            assertThat(code).doesNotContainPattern("'\\d{4}-\\d{2}-\\d{2}'");
        });
        assertThat(recording.statements()).noneMatch(sql -> sql.contains("2026-09-25") || sql.contains("2026-10-03"));
    }

    @Test
    void pageValuesArePlainJavaTypes() {
        ExtractionHandle handle = demo.runExtraction(CATALOG.require("productivity_data"), ExtractionWindow.unbounded(),
                "types-run");
        try {
            Page page = demo.readPage(handle, null, 1);
            Map<String, Object> row = IntStream.range(0, page.columns().size()).boxed()
                    .collect(java.util.HashMap::new, (m, i) -> m.put(page.columns().get(i), page.rows().get(0)[i]),
                            Map::putAll);
            assertThat(row.get("fecha_foto")).isInstanceOf(LocalDate.class);
            assertThat(row.get("correo_agente")).isInstanceOf(String.class);
            assertThat(row.get("total_gestiones")).isInstanceOf(Integer.class);
            assertThat(row.get("peso_total")).isInstanceOf(Integer.class);
            assertThat(row.get("score_productividad")).isInstanceOf(Double.class);
            assertThat(row.get("fecha_procesamiento")).isInstanceOf(java.time.OffsetDateTime.class);
            assertThat(row).containsEntry("dni_agente", null).containsEntry("equipo", null);
        } finally {
            demo.release(handle);
        }
        assertThat(demo.name()).isEqualTo("demo");
    }

    private static long resultTables() {
        return DemoTestData.count(warehouse, "SELECT count(*) FROM pg_tables WHERE schemaname = 'etl_results'"
                + " AND tablename LIKE 'r\\_%'");
    }

    private static Map<String, Object> row(Page page, int index) {
        Map<String, Object> row = new java.util.HashMap<>();
        for (int i = 0; i < page.columns().size(); i++) {
            row.put(page.columns().get(i), page.rows().get(index)[i]);
        }
        return row;
    }

    private static List<Object> operationKey(Map<String, Object> row) {
        return List.of(row.get("fecha_foto"), row.get("hora"), row.get("canal"), row.get("archivo"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };
}
