package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.pulso.core.runlog.WatermarkRepository;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Reliability suite, source faults: the real workflow, activities and loader, with the real BigQuery client talking
 * to the local fake, which plants errors. Transient errors on pages chosen by a seeded Random and a job that stays
 * RUNNING for a while are survived with exact counts; a permanent error mid-table fails the run with its reason and
 * leaves the watermark, and the pages committed before it, as they were.
 */
class SourceFaultsTest extends FakeBigQueryRefreshTest {

    private static final String QUEUE = "source-faults-test";

    @Override
    String queue() {
        return QUEUE;
    }

    @Test
    void transientErrorsOnRandomPagesAndASlowJobAreSurvivedWithExactCounts() throws SQLException {
        String table = "operation_data";
        int rows = 60;
        fake.result(table, SourceResults.of(schemas.get(table), rows));
        fake.pollsBeforeDone(2);
        Random random = new Random(20261127L);
        TreeMap<Integer, Integer> failuresByOffset = new TreeMap<>();
        String[][] transients = {{"503", "backendError", "The service is currently unavailable."},
                {"500", "internalError", "An internal error occurred."},
                {"403", "rateLimitExceeded", "Exceeded rate limits: too many table data list requests"}};
        while (failuresByOffset.size() < 6) {
            int offset = random.nextInt(rows / PAGE_SIZE) * PAGE_SIZE;
            int times = 1 + random.nextInt(2);
            String[] fault = transients[random.nextInt(transients.length)];
            if (failuresByOffset.putIfAbsent(offset, times) == null) {
                fake.failPageAt(offset, Integer.parseInt(fault[0]), fault[1], fault[2], times);
            }
        }

        RefreshResult result = refresh(table);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(rows, rows, 0, 0, 0, 0));
        assertThat(result.pages()).isEqualTo(rows / PAGE_SIZE);
        assertDestinationHoldsSourceRows(table, rows);
        assertThat(new WatermarkRepository(db).find(table).orElseThrow().watermark()).isEqualTo(SourceResults.maxDate(rows));
        assertOneLogRow(table, RunStatus.SUCCEEDED, result.pages());

        // Every page was read once, plus once per planted failure; a committed page was never read again.
        List<String> tokens = fake.requests("GET", ".*/tables/anon_1/data").stream()
                .map(r -> String.valueOf(r.query().get("pageToken"))).toList();
        List<String> expected = new ArrayList<>();
        for (int offset = 0; offset < rows; offset += PAGE_SIZE) {
            String token = offset == 0 ? "null" : "row-" + offset;
            for (int read = 0; read <= failuresByOffset.getOrDefault(offset, 0); read++) {
                expected.add(token);
            }
        }
        assertThat(tokens).as("page reads with failures at " + failuresByOffset).containsExactlyElementsOf(expected);
    }

    @Test
    void aPermanentErrorMidTableFailsTheRunAndLeavesWatermarkAndCommittedPagesAsTheyWere() throws SQLException {
        String table = "assignment_data";
        fake.result(table, SourceResults.of(schemas.get(table), 6));
        RefreshResult first = refresh(table);
        assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);

        // The source grew to 30 rows; reading the page at row 15 is refused for good.
        fake.result(table, SourceResults.of(schemas.get(table), 30));
        fake.failPageAt(15, 403, "accessDenied", "Access Denied: Table fake-project:pulso.result: Permission "
                + "bigquery.tables.getData denied", 100);

        assertThatThrownBy(() -> refresh(table)).isInstanceOf(WorkflowFailedException.class);

        List<RunRecord> log = new ExecutionLogRepository(db).list(table, null, 10, 0);
        assertThat(log).hasSize(2);
        // The fixed test clock gives both runs the same start time, so pick the second run by id, not by order.
        RunRecord failed = log.stream().filter(r -> !r.runId().equals(first.runId())).findFirst().orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).contains("accessDenied").contains("bigquery.tables.getData denied");
        assertThat(failed.attempts()).as("a permanent error is not retried").isEqualTo(1);
        assertThat(new WatermarkRepository(db).find(table).orElseThrow().watermark())
                .as("watermark of the first run").isEqualTo(SourceResults.maxDate(6));
        // Pages 0..4 (rows 0..14) committed before the error and stay: the 6 old rows and 9 new ones.
        assertDestinationHoldsSourceRows(table, 15);
        assertThat(count("SELECT count(*) FROM etl_page_ledger WHERE run_id = '" + failed.runId() + "'"))
                .as("ledger of the failed run").isEqualTo(5);
        assertThat(fake.requests("GET", ".*/tables/[^/]+/data").stream()
                .filter(r -> "row-15".equals(r.query().get("pageToken"))).count()).as("refused page not retried").isEqualTo(1);
    }

    private RefreshResult refresh(String table) {
        RefreshTableWorkflow workflow = env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(table)).build());
        return workflow.refresh(new RefreshRequest(table, RefreshMode.INCREMENTAL, null, null, null, Trigger.API, null));
    }

    private void assertDestinationHoldsSourceRows(String table, int rows) throws SQLException {
        String keys = String.join(", ", CATALOG.require(table).keyColumns());
        assertThat(count("SELECT count(*) FROM " + table)).as("rows of " + table).isEqualTo(rows);
        assertThat(count("SELECT count(DISTINCT (" + keys + ")) FROM " + table)).as("distinct keys of " + table)
                .isEqualTo(rows);
    }

    private void assertOneLogRow(String table, RunStatus status, int pages) throws SQLException {
        List<RunRecord> log = new ExecutionLogRepository(db).list(table, null, 10, 0);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).status()).isEqualTo(status);
        assertThat(count("SELECT count(*) FROM etl_page_ledger WHERE run_id = '" + log.get(0).runId() + "'"))
                .as("ledger rows = logged pages").isEqualTo(pages);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
