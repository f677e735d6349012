package io.pulso.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.core.json.Json;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Delivery through Temporal to real HTTP receivers on free ports: the body of each format, the signature a receiver
 * can verify, a 500 retried until the 200, a 4xx not retried, and a receiver that never answers given up on after
 * bounded attempts without holding up another receiver.
 */
class AlertDeliveryTest {

    private static final String QUEUE = "alerts-test";
    private static final String SECRET = "receiver-shared-secret-42";
    private static final AlertEvent FAILED = new AlertEvent(AlertKind.FAILED, "operation_data", "run-7f3a", "incremental",
            "schedule", "permission", "BigQuery: permission denied on dataset BI_USA (accessDenied)", 1,
            Instant.parse("2026-12-02T10:15:30Z"), Instant.parse("2026-12-02T06:00:00Z"),
            "https://pulso.example.com/api/v1/etl/runs/run-7f3a",
            "https://temporal.example.com/namespaces/pulso/workflows/etl-refresh-operation_data/run-7f3a");

    private static HikariDataSource db;
    private TestWorkflowEnvironment env;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("alertdelivery");
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        TestDatabase.execute(db, "TRUNCATE etl_alert_deliveries, etl_alert_incidents");
    }

    /** The deliveries recorded for GET /api/v1/etl/alerts: receiver, delivered, status, attempts, error. */
    private static List<String> recorded() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT event, table_name, run_id, webhook, receiver, delivered, status_code, attempts, error "
                        + "FROM etl_alert_deliveries ORDER BY webhook")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " #" + rs.getInt(4) + " "
                        + rs.getString(5) + " " + (rs.getBoolean(6) ? "delivered" : "not delivered") + " " + rs.getInt(7)
                        + " after " + rs.getInt(8) + (rs.getString(9) == null ? "" : ": " + rs.getString(9)));
            }
        }
        return rows;
    }

    private List<DeliveryOutcome> deliver(AlertSettings settings, AlertEvent event) {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(DeliverAlertWorkflowImpl.class);
        worker.registerActivitiesImplementations(new AlertDeliveryActivitiesImpl(settings, new IncidentRepository(db),
                Clock.systemUTC()));
        env.start();
        return env.getWorkflowClient().newWorkflowStub(DeliverAlertWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("alert-test").build())
                .deliver(new PendingAlert(null, null, 1, event), settings.webhooks().size());
    }

    private static AlertSettings settings(AlertFormat format, Optional<String> secret, Duration timeout, URI... webhooks) {
        return new AlertSettings(List.of(webhooks), format, secret, AlertSettings.DEFAULT_REMINDER, timeout,
                AlertSettings.DEFAULT_CHECK_SECONDS);
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFailedRunIsDeliveredOnceAsJsonWithASignatureTheReceiverCanVerify() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(204)) {
            List<DeliveryOutcome> outcomes = deliver(settings(AlertFormat.JSON, Optional.of(SECRET), Duration.ofSeconds(5),
                    receiver.url()), FAILED);

            assertThat(outcomes).containsExactly(new DeliveryOutcome(0, true, 204, 1, null));
            assertThat(receiver.received()).hasSize(1);
            WebhookReceiver.Received post = receiver.received().get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/hooks/T0KEN-in-path");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(post.header(WebhookSignature.HEADER)).isEqualTo(hmac(post.body()));
            JsonNode body = Json.mapper().readTree(post.body());
            assertThat(body.path("event").asText()).isEqualTo("failed");
            assertThat(body.path("summary").asText()).isEqualTo("Pulso: refresh of operation_data failed (permission)");
            assertThat(body.path("table").asText()).isEqualTo("operation_data");
            assertThat(body.path("runId").asText()).isEqualTo("run-7f3a");
            assertThat(body.path("mode").asText()).isEqualTo("incremental");
            assertThat(body.path("trigger").asText()).isEqualTo("schedule");
            assertThat(body.path("reason").asText()).isEqualTo("permission");
            assertThat(body.path("message").asText()).isEqualTo("BigQuery: permission denied on dataset BI_USA (accessDenied)");
            assertThat(body.path("attempts").asInt()).isEqualTo(1);
            assertThat(body.path("occurredAt").asText()).isEqualTo("2026-12-02T10:15:30Z");
            assertThat(body.path("links").path("run").asText()).isEqualTo("https://pulso.example.com/api/v1/etl/runs/run-7f3a");
            assertThat(body.path("links").path("temporal").asText()).endsWith("/workflows/etl-refresh-operation_data/run-7f3a");
            assertThat(recorded()).containsExactly("failed operation_data run-7f3a #0 http://127.0.0.1:"
                    + receiver.url().getPort() + "/… delivered 204 after 1");
        }
    }

    @Test
    void theSlackFormatIsOneTextWithLinksAndUnsignedWithoutASecret() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            deliver(settings(AlertFormat.SLACK, Optional.empty(), Duration.ofSeconds(5), receiver.url()), FAILED);

            WebhookReceiver.Received post = receiver.received().get(0);
            assertThat(post.header(WebhookSignature.HEADER)).isNull();
            JsonNode body = Json.mapper().readTree(post.body());
            assertThat(body.size()).as("only the text field").isEqualTo(1);
            assertThat(body.path("text").asText()).isEqualTo("""
                    *Pulso: refresh of operation_data failed (permission)*
                    Run: run-7f3a
                    Mode: incremental, started by schedule
                    Attempts: 1
                    Error: BigQuery: permission denied on dataset BI_USA (accessDenied)
                    <https://pulso.example.com/api/v1/etl/runs/run-7f3a|run in Pulso> · \
                    <https://temporal.example.com/namespaces/pulso/workflows/etl-refresh-operation_data/run-7f3a|Temporal UI>""");
        }
    }

    @Test
    void aReceiverAnswering500Then200GetsItOnceAccepted() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(500)) {
            List<DeliveryOutcome> outcomes = deliver(settings(AlertFormat.JSON, Optional.of(SECRET), Duration.ofSeconds(5),
                    receiver.url()), FAILED);

            assertThat(outcomes).containsExactly(new DeliveryOutcome(0, true, 200, 2, null));
            assertThat(receiver.received()).as("the 500, then the accepted retry").hasSize(2);
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
            assertThat(recorded()).singleElement().asString().endsWith("delivered 200 after 2");
        }
    }

    @Test
    void aReceiverAnswering4xxIsNotRetried() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering(404)) {
            List<DeliveryOutcome> outcomes = deliver(settings(AlertFormat.JSON, Optional.empty(), Duration.ofSeconds(5),
                    receiver.url()), FAILED);

            assertThat(receiver.received()).hasSize(1);
            DeliveryOutcome outcome = outcomes.get(0);
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.status()).isEqualTo(404);
            assertThat(outcome.error()).isEqualTo("http://127.0.0.1:" + receiver.url().getPort() + "/… answered HTTP 404")
                    .doesNotContain("T0KEN");
            assertThat(recorded()).singleElement().asString().endsWith("not delivered 404 after 0: http://127.0.0.1:"
                    + receiver.url().getPort() + "/… answered HTTP 404").doesNotContain("T0KEN");
        }
    }

    @Test
    void aReceiverThatNeverAnswersIsGivenUpOnAfterBoundedAttemptsAndDelaysNoOther() throws Exception {
        try (WebhookReceiver dead = WebhookReceiver.neverAnswering(); WebhookReceiver alive = WebhookReceiver.answering()) {
            long started = System.nanoTime();
            List<DeliveryOutcome> outcomes = deliver(settings(AlertFormat.JSON, Optional.empty(), Duration.ofMillis(500),
                    dead.url(), alive.url()), FAILED);

            assertThat(outcomes.get(1)).isEqualTo(new DeliveryOutcome(1, true, 200, 1, null));
            assertThat(outcomes.get(0).delivered()).isFalse();
            assertThat(outcomes.get(0).error()).endsWith("did not answer within 500 ms");
            assertThat(dead.received()).as("every attempt, and no more").hasSize(DeliverAlertWorkflowImpl.RETRY.getMaximumAttempts());
            assertThat(alive.received()).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        }
    }
}
