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
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Refreshes through the real workflow and activities (Temporal test environment), the real loader on embedded
 * PostgreSQL, and the BigQuery warehouse whose real client talks to the local fake endpoint.
 */
class BigQueryRefreshWorkflowTest extends FakeBigQueryRefreshTest {

    private static final String QUEUE = "bigquery-refresh-test";

    private WorkflowClient client;

    @Override
    String queue() {
        return QUEUE;
    }

    @BeforeEach
    void client() {
        client = env.getWorkflowClient();
    }

    private RefreshResult refresh(String table) {
        RefreshTableWorkflow workflow = client.newWorkflowStub(RefreshTableWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(table)).build());
        return workflow.refresh(new RefreshRequest(table, RefreshMode.INCREMENTAL, null, null, null, Trigger.API, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dashboard_data", "evolution_data", "assignment_data", "operation_data", "productivity_data"})
    void refreshesTheTableFromBigQuery(String table) throws SQLException {
        fake.result(table, SourceResults.of(schemas.get(table), 7));

        RefreshResult result = refresh(table);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(7, 7, 0, 0, 0, 0));
        assertThat(result.pages()).isEqualTo(3);
        assertThat(result.watermarkAfter()).isEqualTo(SourceResults.maxDate(7));
        assertThat(new WatermarkRepository(db).find(table).orElseThrow().watermark()).isEqualTo(SourceResults.maxDate(7));
        assertThat(count("SELECT count(*) FROM " + table)).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM " + table + " WHERE fecha_procesamiento = '"
                + SourceResults.processedAt(6) + "'")).as("TIMESTAMP lands as the same instant").isEqualTo(1);
        assertThat(fake.jobIds()).containsExactlyInAnyOrder("pulso_" + table + "_extract_" + result.runId() + "_1",
                "pulso_" + table + "_watermark_" + result.runId() + "_1");
    }

    @Test
    void aTransient503AndARateLimitMidTableAreRetriedWithNoDuplicateOrMissingRow() throws SQLException {
        fake.result("evolution_data", SourceResults.of(schemas.get("evolution_data"), 10));
        fake.failPageAt(3, 503, "backendError", "The service is currently unavailable.", 1);
        fake.failPageAt(6, 403, "rateLimitExceeded", "Exceeded rate limits: too many table data list requests", 1);

        RefreshResult result = refresh("evolution_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(10, 10, 0, 0, 0, 0));
        assertThat(result.pages()).isEqualTo(4);
        assertThat(count("SELECT count(*) FROM evolution_data")).isEqualTo(10);
        assertThat(count("SELECT count(DISTINCT (fecha_foto, archivo)) FROM evolution_data")).isEqualTo(10);
        List<String> tokens = fake.requests("GET", ".*/tables/anon_1/data").stream()
                .map(r -> String.valueOf(r.query().get("pageToken"))).toList();
        assertThat(tokens).as("each failed page read again, committed pages not").containsExactly(
                "null", "row-3", "row-3", "row-6", "row-6", "row-9");
        assertThat(new ExecutionLogRepository(db).find(result.runId()).orElseThrow().attempts()).isGreaterThan(1);
    }

    @Test
    void aJobThatEndsInABackendErrorIsRunAgainUnderTheNextIdAndTheRunSucceeds() throws SQLException {
        fake.result("operation_data", SourceResults.of(schemas.get("operation_data"), 7));
        fake.failNextJob("operation_data", "backendError", "Error encountered during execution. Retrying may solve the problem.");

        RefreshResult result = refresh("operation_data");

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.counts()).isEqualTo(new RowCounts(7, 7, 0, 0, 0, 0));
        assertThat(count("SELECT count(*) FROM operation_data")).isEqualTo(7);
        String prefix = "pulso_operation_data_extract_" + result.runId();
        assertThat(fake.jobIds()).containsExactlyInAnyOrder(prefix + "_1", prefix + "_2",
                "pulso_operation_data_watermark_" + result.runId() + "_1");
        assertThat(fake.requests("POST", ".*/jobs").stream().map(r -> r.json().path("jobReference").path("jobId").asText())
                .filter(id -> id.startsWith(prefix)).toList()).as("each extraction job inserted once")
                .containsExactly(prefix + "_1", prefix + "_2");
        assertThat(new ExecutionLogRepository(db).find(result.runId()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void anInvalidQueryFailsTheRunWithoutRetryAndLogsTheReason() {
        fake.failInsert(400, "invalidQuery", "Syntax error: Unexpected keyword WHERE at [27:1]", 5);

        assertThatThrownBy(() -> refresh("dashboard_data")).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = new ExecutionLogRepository(db).list("dashboard_data", null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).contains("invalidQuery").contains("Syntax error: Unexpected keyword WHERE");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(fake.requests("POST", ".*/jobs")).as("not retried").hasSize(1);
    }

    @Test
    void aMissingViewFailsTheRunWithoutRetryAndLogsTheReason() {
        fake.result("operation_data", SourceResults.of(schemas.get("operation_data"), 3));
        fake.failJob("operation_data", "notFound",
                "Not found: Table fake-project:BI_USA.bi_P3fV4dWNeMkN5RJMhV8e_vw_gestiones_unificadas was not found in location US");

        assertThatThrownBy(() -> refresh("operation_data")).isInstanceOf(WorkflowFailedException.class);

        RunRecord failed = new ExecutionLogRepository(db).list("operation_data", null, 10, 0).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.errorMessage()).contains("notFound").contains("gestiones_unificadas was not found");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(fake.requests("POST", ".*/jobs")).as("not retried").hasSize(1);
        assertThat(new WatermarkRepository(db).find("operation_data").orElseThrow().watermark()).isNull();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
