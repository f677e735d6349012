package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Column;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Result;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A computed result (rows made from their index when read, none held) serves what the same rows held would, over
 * tabledata.list and through the Read API, watermark included, and the Read API stand-in's column-by-column batches
 * do not compute a row once per column.
 */
class ComputedResultTest {

    private static final TableDefinition DASHBOARD = TableCatalog.pulso().require("dashboard_data");
    private static final ReadApiConfig READ_API = new ReadApiConfig(ReadApiConfig.Mode.ON, 2, Duration.ofSeconds(30), null);
    private static final List<Column> COLUMNS = List.of(new Column("archivo", "STRING"), new Column("cuentas", "INTEGER"),
            new Column("fecha_foto", "DATE"));
    /** More than two of the view's 1,024-row blocks, so batches and pages cross block boundaries. */
    private static final int ROWS = 2_500;

    private FakeBigQuery fake;
    private FakeBigQueryRead read;
    private BigQueryWarehouse rest;
    private BigQueryWarehouse readApi;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBigQuery();
        read = new FakeBigQueryRead(fake);
        read.batchRows(700);
        rest = FakeBigQueryWarehouses.warehouse(fake);
        readApi = FakeBigQueryWarehouses.readApi(fake, read, READ_API);
    }

    @AfterEach
    void stop() {
        readApi.close();
        read.close();
        fake.close();
    }

    /** Row i: a NULL cuentas every 7th row, and days that rise and fall so the maximum is not the last row's. */
    private static List<String> row(int i) {
        return Arrays.asList("A" + i, i % 7 == 0 ? null : Integer.toString(i * 3),
                LocalDate.of(2026, 1, 1).plusDays((i * 37L) % 101).toString());
    }

    private static List<List<String>> heldRows() {
        List<List<String>> held = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            held.add(row(i));
        }
        return held;
    }

    @Test
    void servesTheSameRowsAndWatermarkAsTheRowsHeld() {
        List<List<String>> held = heldRows();
        fake.result("dashboard_data", new Result(COLUMNS, held));
        ExtractionHandle heldHandle = rest.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-held");
        List<List<Object>> expected = rows(rest, heldHandle);

        AtomicInteger computed = new AtomicInteger();
        IntFunction<List<String>> counted = i -> {
            computed.incrementAndGet();
            return row(i);
        };
        fake.result("dashboard_data", Result.computed(COLUMNS, ROWS, counted, Map.of()));
        ExtractionHandle walked = rest.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-walked");
        assertThat(walked.maxIncremental()).as("walked for the watermark").isEqualTo(heldHandle.maxIncremental());
        assertThat(walked.totalRows()).isEqualTo(ROWS);
        assertThat(rows(rest, walked)).as("over tabledata.list").isEqualTo(expected);

        String max = held.stream().map(r -> r.get(2)).max(String::compareTo).orElseThrow();
        fake.result("dashboard_data", Result.computed(COLUMNS, ROWS, counted, Map.of("fecha_foto", max)));
        ExtractionHandle given = readApi.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-given");
        assertThat(given.maxIncremental()).as("the maximum given").isEqualTo(heldHandle.maxIncremental());
        computed.set(0);
        // Pages take the session's two streams in turn, so rows come in another order than over REST.
        assertThat(rows(readApi, given)).as("through the Read API").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(read.reads()).as("read through the Read API").isNotEmpty();
        // Once per row, not once per column (3 × ROWS); a block two threads enter at once may be computed twice.
        assertThat(computed.get()).isBetween(ROWS, ROWS + 1_024);
    }

    /** Row i's typed values, whose wire text is {@link #row}. */
    private static Object[] values(int i) {
        return new Object[] {"A" + i, i % 7 == 0 ? null : (long) (i * 3), LocalDate.of(2026, 1, 1).plusDays((i * 37L) % 101)};
    }

    private static List<String> text(Object[] values) {
        return Arrays.asList(values[0].toString(), values[1] == null ? null : values[1].toString(), values[2].toString());
    }

    @Test
    void typedValuesEncodedDirectlyReadAsTheirWireText() {
        List<List<String>> held = heldRows();
        fake.result("dashboard_data", new Result(COLUMNS, held));
        List<List<Object>> expected = rows(rest, rest.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-held"));

        fake.result("dashboard_data", Result.computed(COLUMNS, ROWS, ComputedResultTest::values, ComputedResultTest::text,
                Map.of()));
        assertThat(rows(rest, rest.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-typed-rest")))
                .as("over tabledata.list, from the wire text").isEqualTo(expected);
        assertThat(rows(readApi, readApi.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-typed-read")))
                .as("through the Read API, from the values").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void computedRowsAreAnUnmodifiableView() {
        Result result = Result.computed(COLUMNS, ROWS, ComputedResultTest::row, Map.of());
        assertThat(new Result(result.columns(), result.rows()).rows()).as("not copied").isSameAs(result.rows());
        assertThat(result.rows()).hasSize(ROWS);
        assertThat(result.rows().get(2_049)).isEqualTo(row(2_049));
        assertThat(result.rows().subList(1_020, 1_030)).hasSize(10).first().isEqualTo(row(1_020));
        assertThatThrownBy(() -> result.rows().set(0, row(1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.rows().get(0).set(0, "x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.rows().get(ROWS))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<List<Object>> rows(BigQueryWarehouse warehouse, ExtractionHandle handle) {
        List<List<Object>> rows = new ArrayList<>();
        String token = null;
        do {
            Page page = warehouse.readPage(handle, token, 1_000);
            page.rows().forEach(row -> rows.add(Arrays.asList(row)));
            token = page.nextPageToken();
        } while (token != null);
        return rows;
    }
}
