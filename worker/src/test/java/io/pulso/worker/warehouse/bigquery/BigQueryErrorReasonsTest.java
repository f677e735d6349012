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
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * BigQuery's error reasons as a run meets them (real workflow, activities, loader and client against the fake):
 * rateLimitExceeded and quotaExceeded are retried with Temporal's backoff until the run succeeds; a daily quota,
 * responseTooLarge and bytesBilledLimitExceeded fail the run at once, and the log says what to change.
 */
class BigQueryErrorReasonsTest extends FakeBigQueryRefreshTest {

    private static final String QUEUE = "bigquery-error-reasons-test";

    @Override
    String queue() {
        return QUEUE;
    }

    @Test
    void quotaExceededAndRateLimitExceededAreRetriedWithBackoffUntilTheRunSucceeds() throws SQLException {
        fake.result("operation_data", SourceResults.of(schemas.get("operation_data"), 7));
        fake.failInsert(403, "quotaExceeded", "Quota exceeded: Your project exceeded quota for concurrent queries. "
                + "For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas", 2);
        fake.failPageAt(3, 403, "rateLimitExceeded", "Exceeded rate limits: too many api requests per user per method "
                + "for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas", 2);

        RefreshResult result = refresh("operation_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(7, 7, 0, 0, 0, 0));
        assertThat(count("SELECT count(*) FROM operation_data")).isEqualTo(7);
        String extract = "pulso_operation_data_extract_" + result.runId() + "_1";
        assertThat(fake.requests("POST", ".*/jobs").stream()
                .filter(r -> r.json().path("jobReference").path("jobId").asText().equals(extract)).count())
                .as("two refused inserts, then the one that ran").isEqualTo(3);
        assertThat(fake.jobIds()).as("billed once").contains(extract).hasSize(2);
        assertThat(new ExecutionLogRepository(db).find(result.runId()).orElseThrow().attempts()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aDailyQuotaFailsTheRunAtOnceAndSaysToWaitForTheResetOrRaiseIt() {
        fake.failInsert(403, "quotaExceeded", "Custom quota exceeded: Your usage exceeded the custom quota for "
                + "QueryUsagePerDay, which is set by your administrator. For more information, see "
                + "https://cloud.google.com/bigquery/cost-controls", 100);

        RunRecord failed = failedRun("dashboard_data");

        assertThat(failed.errorMessage()).contains("quotaExceeded").contains("QueryUsagePerDay")
                .contains("daily quota").contains("IAM & Admin > Quotas");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(fake.requests("POST", ".*/jobs")).as("not retried").hasSize(1);
    }

    @Test
    void bytesBilledLimitExceededFailsTheRunAtOnceAndNamesTheSettingAndHowToSizeIt() {
        fake.result("operation_data", SourceResults.of(schemas.get("operation_data"), 3));
        fake.failJob("operation_data", "bytesBilledLimitExceeded",
                "Query exceeded limit for bytes billed: 5000000000. 7340032000 or higher required.");

        RunRecord failed = failedRun("operation_data");

        assertThat(failed.errorMessage()).contains("bytesBilledLimitExceeded").contains("7340032000 or higher required")
                .contains("BIGQUERY_MAX_BYTES_BILLED").contains("now 5000000000 bytes").contains("./pulso bigquery check");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(fake.jobIds()).as("no second job").containsExactly(
                "pulso_operation_data_extract_" + failed.runId() + "_1");
    }

    @Test
    void responseTooLargeFailsTheRunAtOnceAndSaysToRefreshShorterWindows() {
        fake.result("assignment_data", SourceResults.of(schemas.get("assignment_data"), 3));
        fake.failJob("assignment_data", "responseTooLarge",
                "Response too large to return. Consider specifying a destination table in your job configuration.");

        RunRecord failed = failedRun("assignment_data");

        assertThat(failed.errorMessage()).contains("responseTooLarge").contains("shorter windows").contains("backfill");
        assertThat(failed.attempts()).isEqualTo(1);
    }

    private RunRecord failedRun(String table) {
        assertThatThrownBy(() -> refresh(table)).isInstanceOf(WorkflowFailedException.class);
        RunRecord failed = new ExecutionLogRepository(db).list(table, null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        return failed;
    }

    private RefreshResult refresh(String table) {
        RefreshTableWorkflow workflow = env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(table)).build());
        return workflow.refresh(new RefreshRequest(table, RefreshMode.INCREMENTAL, null, null, null, Trigger.API, null));
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
