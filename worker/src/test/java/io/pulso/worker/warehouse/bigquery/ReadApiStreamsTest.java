package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Column;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Result;
import io.pulso.worker.warehouse.bigquery.FakeBigQueryRead.ReadCall;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Read API warehouse reading a result's streams page by page, as workers do, with the real Read API client on
 * {@link FakeBigQueryRead}: which ReadRows calls a worker makes when it carries on after another one crashed, when a
 * run still holds a token of the stream-after-stream layout, and when more streams go on than pages may be read ahead.
 * Rows are named "A&lt;i&gt;" in the result's order; streams are contiguous ranges of them.
 */
class ReadApiStreamsTest {

    private static final TableDefinition DASHBOARD = TableCatalog.pulso().require("dashboard_data");
    private static final int PAGE = 3;

    private FakeBigQuery fake;
    private FakeBigQueryRead read;
    private final List<BigQueryWarehouse> workers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBigQuery();
        read = new FakeBigQueryRead(fake);
    }

    @AfterEach
    void stop() {
        workers.forEach(BigQueryWarehouse::close);
        read.close();
        fake.close();
    }

    @Test
    void aWorkerCarryingOnAfterACrashReadsEachStreamFromItsFirstUncommittedPage() {
        result(20, 3); // streams A0-A6, A7-A13, A14-A19
        BigQueryWarehouse crashed = worker(3);
        ExtractionHandle handle = crashed.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-1");
        List<Object> committed = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 3; page++) { // pages (0, 0), (1, 0), (2, 0) committed, then the worker dies
            Page read = crashed.readPage(handle, token, PAGE);
            read.rows().forEach(row -> committed.add(row[0]));
            token = read.nextPageToken();
        }
        crashed.close();
        workers.remove(crashed);
        List<ReadCall> beforeCrash = read.reads();

        BigQueryWarehouse resumed = worker(3);
        List<Object> rest = readToTheEnd(resumed, handle, token);

        assertThat(committed).containsExactly("A0", "A1", "A2", "A7", "A8", "A9", "A14", "A15", "A16");
        assertThat(rest).containsExactly("A3", "A4", "A5", "A10", "A11", "A12", "A17", "A18", "A19", "A6", "A13");
        assertThat(beforeCrash).containsExactly(new ReadCall(1, 0, 0), new ReadCall(1, 1, 0), new ReadCall(1, 2, 0));
        assertThat(read.reads().subList(beforeCrash.size(), read.reads().size()))
                .as("one new call per stream, at its first uncommitted page; no committed row read again")
                .containsExactly(new ReadCall(1, 0, 3), new ReadCall(1, 1, 3), new ReadCall(1, 2, 3));
        assertThat(read.sessionsCreated()).as("the second worker's own session only told it the schema").isEqualTo(2);
    }

    @Test
    void aStreamAfterStreamTokenOfARunInFlightReadsItsLayoutToTheEnd() {
        result(10, 2); // streams A0-A4, A5-A9
        BigQueryWarehouse worker = worker(2);
        ExtractionHandle handle = worker.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-1");
        ReadApiToken first = ReadApiToken.parse(worker.readPage(handle, null, PAGE).nextPageToken());
        // The token the run held before the deploy: stream 0 at offset 3, in the layout of its first pages.
        String old = ReadApiToken.streamAfterStream(first.session(), first.streamIds(), 0, 3).text();
        assertThat(old).startsWith("readapi:");

        List<String> tokens = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        String token = old;
        while (token != null) {
            Page page = worker.readPage(handle, token, PAGE);
            page.rows().forEach(row -> rows.add(row[0]));
            token = page.nextPageToken();
            if (token != null) {
                tokens.add(token);
            }
        }

        assertThat(rows).as("the rest of stream 0, then stream 1").containsExactly("A3", "A4", "A5", "A6", "A7", "A8", "A9");
        assertThat(tokens).allMatch(t -> t.startsWith("readapi:")).hasSize(2);
    }

    @Test
    void anExpiredSessionIsReplacedByOneAskingForTheStreamsTheRunsPagesWereLaidOutIn() {
        result(10, 2);
        read.streamsPerSession(4);
        BigQueryWarehouse before = worker(2); // a run started with BIGQUERY_READ_STREAMS=2
        ExtractionHandle handle = before.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-1");
        Page first = before.readPage(handle, null, PAGE);
        read.expireAt(1, 0); // the session expires when page (1, 0) is read
        BigQueryWarehouse after = worker(4); // and goes on after a deploy that raised it to 4

        List<Object> rows = new ArrayList<>();
        first.rows().forEach(row -> rows.add(row[0]));
        rows.addAll(readToTheEnd(after, handle, first.nextPageToken()));

        assertThat(rows).containsExactly("A0", "A1", "A2", "A5", "A6", "A7", "A3", "A4", "A8", "A9");
        assertThat(read.sessionsCreated()).as("the run's session, the new worker's for the schema, the replacement")
                .isEqualTo(3);
        assertThat(read.offsets(3, 0)).as("the replacement's stream 0 read from its start").containsExactly(0L);
        assertThat(read.offsets(3, 1)).containsExactly(0L);
        assertThat(read.offsets(3, 2)).as("a replacement of two streams").isEmpty();
    }

    @Test
    void moreStreamsThanPagesReadAheadStillReadEveryRowOnceWithinTheBound() {
        result(48, 8); // 8 streams of 6 rows: two pages each
        BigQueryWarehouse worker = worker(8);
        ExtractionHandle handle = worker.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-1");
        List<Object> rows = new ArrayList<>();
        int most = 0;
        String token = null;
        do {
            Page page = worker.readPage(handle, token, PAGE);
            page.rows().forEach(row -> rows.add(row[0]));
            most = Math.max(most, worker.pagesReadAhead());
            token = page.nextPageToken();
        } while (token != null);

        assertThat(rows).hasSize(48).doesNotHaveDuplicates();
        assertThat(rows.subList(0, 6)).containsExactly("A0", "A1", "A2", "A6", "A7", "A8");
        assertThat(most).as("pages read ahead at once").isEqualTo(StreamReadAhead.MAX_PAGES);
        for (int stream = 0; stream < 8; stream++) {
            assertThat(read.offsets(1, stream)).as("stream " + stream).containsExactlyElementsOf(
                    stream < StreamReadAhead.MAX_PAGES ? List.of(0L) : List.of(0L, 3L));
        }
    }

    private void result(int rows, int streams) {
        read.streamsPerSession(streams);
        List<List<String>> source = IntStream.range(0, rows)
                .mapToObj(i -> List.of("A" + i, LocalDate.of(2026, 11, 1).plusDays(i % 4).toString())).toList();
        fake.result("dashboard_data", new Result(List.of(new Column("archivo", "STRING"), new Column("fecha_foto", "DATE")),
                source));
    }

    private BigQueryWarehouse worker(int streams) {
        ReadApiConfig config = new ReadApiConfig(ReadApiConfig.Mode.ON, streams, Duration.ofSeconds(30), null);
        BigQueryWarehouse worker = FakeBigQueryWarehouses.readApi(fake, read, config);
        workers.add(worker);
        return worker;
    }

    private static List<Object> readToTheEnd(BigQueryWarehouse worker, ExtractionHandle handle, String token) {
        List<Object> rows = new ArrayList<>();
        while (token != null) {
            Page page = worker.readPage(handle, token, PAGE);
            page.rows().forEach(row -> rows.add(row[0]));
            token = page.nextPageToken();
        }
        return rows;
    }
}
