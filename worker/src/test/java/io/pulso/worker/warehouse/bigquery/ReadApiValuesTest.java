package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Column;
import io.pulso.worker.warehouse.bigquery.FakeBigQuery.Result;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every column type the loader takes, read through the Read API (Arrow) and through tabledata.list (JSON text) from
 * the same result: the same Java values, equal by {@code equals} (so NUMERIC keeps REST's scale), with NULLs, extremes
 * and a timestamp before the epoch.
 */
class ReadApiValuesTest {

    private static final TableDefinition DASHBOARD = TableCatalog.pulso().require("dashboard_data");
    private static final ReadApiConfig READ_API = new ReadApiConfig(ReadApiConfig.Mode.ON, 2, Duration.ofSeconds(30), null);

    private FakeBigQuery fake;
    private FakeBigQueryRead read;
    private BigQueryWarehouse rest;
    private BigQueryWarehouse readApi;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBigQuery();
        read = new FakeBigQueryRead(fake);
        read.batchRows(1);
        rest = FakeBigQueryWarehouses.warehouse(fake);
        readApi = FakeBigQueryWarehouses.readApi(fake, read, READ_API);
    }

    @AfterEach
    void stop() {
        readApi.close();
        read.close();
        fake.close();
    }

    @Test
    void everyTypeDecodesToTheSameJavaValueAsOverRest() {
        fake.result("dashboard_data", new Result(List.of(new Column("i", "INTEGER"), new Column("f", "FLOAT"),
                new Column("n", "NUMERIC"), new Column("bn", "BIGNUMERIC"), new Column("b", "BOOLEAN"), new Column("s", "STRING"),
                new Column("d", "DATE"), new Column("dt", "DATETIME"), new Column("ts", "TIMESTAMP"),
                new Column("fecha_foto", "DATE")), List.of(
                Arrays.asList("42", "-1.5", "1234.5", "-98765432109876543210.123456789012", "true", "Ñandú, \"quoted\" 🦜",
                        "2026-11-30", "2026-11-30T23:59:59.123456", "1764547199.123456", "2026-11-30"),
                Arrays.asList(null, null, null, null, null, null, null, null, null, "2026-11-29"),
                Arrays.asList("-9223372036854775808", "1.0E308", "100", "0", "false", "", "1970-01-01", "1970-01-01T00:00:00",
                        "-1.5", "2026-11-28"),
                Arrays.asList("9223372036854775807", "0.1", "0.000000001", "99999999999999999999999999999.999999999", "true", "x",
                        "9999-12-31", "9999-12-31T23:59:59.999999", "253402300799.999999", "2026-11-27"))));

        List<List<Object>> overRest = rows(rest, "run-rest");
        List<List<Object>> overReadApi = rows(readApi, "run-readapi");

        assertThat(overReadApi).isEqualTo(overRest).hasSize(4);
        assertThat(overReadApi.get(0)).containsExactly(42L, -1.5, new BigDecimal("1234.5"),
                new BigDecimal("-98765432109876543210.123456789012"), true, "Ñandú, \"quoted\" 🦜", LocalDate.of(2026, 11, 30),
                LocalDateTime.parse("2026-11-30T23:59:59.123456"), Instant.parse("2025-11-30T23:59:59.123456Z"),
                LocalDate.of(2026, 11, 30));
        assertThat(overReadApi.get(1)).containsExactly(null, null, null, null, null, null, null, null, null, LocalDate.of(2026, 11, 29));
        assertThat(overReadApi.get(2).get(2)).as("NUMERIC 100 keeps scale 0, as REST's text").isEqualTo(new BigDecimal("100"));
        assertThat(overReadApi.get(2).get(8)).isEqualTo(Instant.parse("1969-12-31T23:59:58.500Z"));
        assertThat(read.reads()).as("read through the Read API, one page per stream").hasSize(2);
    }

    @Test
    void anotherWorkerCarriesOnInTheSessionAndStreamTheTokenNames() {
        List<List<String>> source = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            source.add(List.of("A" + i, LocalDate.of(2026, 11, 1).plusDays(i % 4).toString()));
        }
        fake.result("dashboard_data", new Result(List.of(new Column("archivo", "STRING"), new Column("fecha_foto", "DATE")), source));
        ExtractionHandle handle = readApi.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), "run-1");
        BigQueryWarehouse other = FakeBigQueryWarehouses.readApi(fake, read, READ_API);
        try {
            Page first = readApi.readPage(handle, null, 3);
            List<Object> archivos = new ArrayList<>();
            first.rows().forEach(row -> archivos.add(row[0]));
            String token = first.nextPageToken();
            while (token != null) {
                Page page = other.readPage(handle, token, 3);
                page.rows().forEach(row -> archivos.add(row[0]));
                token = page.nextPageToken();
            }

            assertThat(archivos).as("pages round robin over the two streams")
                    .containsExactly("A0", "A1", "A2", "A5", "A6", "A7", "A3", "A4", "A8", "A9");
            assertThat(read.offsets(1, 0)).as("the other worker went on at the page's offset").containsExactly(0L, 3L);
            assertThat(read.offsets(1, 1)).as("the other worker read the first worker's session, one call for the stream")
                    .containsExactly(0L);
            assertThat(read.sessionsCreated()).as("the other worker's own session only told it the schema").isEqualTo(2);
            assertThat(read.offsets(2, 0)).isEmpty();
            assertThat(read.offsets(2, 1)).isEmpty();
        } finally {
            other.close();
        }
    }

    private static List<List<Object>> rows(BigQueryWarehouse warehouse, String runId) {
        ExtractionHandle handle = warehouse.runExtraction(DASHBOARD, ExtractionWindow.unbounded(), runId);
        List<List<Object>> rows = new ArrayList<>();
        String token = null;
        do {
            Page page = warehouse.readPage(handle, token, 10);
            page.rows().forEach(row -> rows.add(Arrays.asList(row)));
            token = page.nextPageToken();
        } while (token != null);
        return rows;
    }
}
