package io.pulso.worker.alert;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.json.Json;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Refreshes through the real workflow, the alert check running beside them every second, and a real HTTP receiver:
 * a failing refresh is announced exactly once (signed), a second failure adds nothing, the recovery is announced
 * once; a receiver that never answers leaves refreshes as fast as ever.
 */
class AlertEndToEndTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "alerts-e2e";
    private static final String SECRET = "e2e-receiver-secret-0042";
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);

    private HikariDataSource db;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;

    @BeforeEach
    void data() {
        db = TestDatabase.migrated("alertse2e");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            rows.add(row(LocalDate.of(2026, 11, 1).plusDays(d), "A", 100 + d, 10));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        db.close();
    }

    private void start(AlertSettings alerts) {
        // Real time: the check sleeps between looks, and the receiver answers in real time.
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        Worker worker = RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG,
                new CatalogSchemaVerifier(db).verify(CATALOG), warehouse, db, Clock.systemUTC(),
                RefreshActivitiesImpl.LoadBudget.standard()));
        AlertWorker.register(worker, CATALOG, db, alerts, new AlertLinks("https://pulso.example.com", null, null), Clock.systemUTC());
        env.start();
        AlertWorker.ensureCheckRunning(env.getWorkflowClient(), QUEUE, alerts.checkEvery());
        AlertWorker.ensureCheckRunning(env.getWorkflowClient(), QUEUE, alerts.checkEvery()); // a second worker starting: no second check
    }

    private RefreshResult refresh() {
        return env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE)).build())
                .refresh(new RefreshRequest(TABLE, RefreshMode.INCREMENTAL, null, null, null, Trigger.SCHEDULE, null));
    }

    private static AlertSettings settings(java.net.URI webhook) {
        return new AlertSettings(List.of(webhook), AlertFormat.JSON, Optional.of(SECRET), AlertSettings.DEFAULT_REMINDER,
                AlertSettings.DEFAULT_TIMEOUT, 1);
    }

    private long count(String sql) {
        return TestDatabase.count(db, sql);
    }

    @Test
    void aFailingRefreshIsAnnouncedOnceASecondFailureNotAndTheRecoveryOnce() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answering()) {
            start(settings(receiver.url()));
            warehouse.failExtraction(WarehouseException.permanent("accessDenied", "BigQuery: permission denied on dataset BI_USA", null));

            assertThatThrownBy(this::refresh).isInstanceOf(WorkflowFailedException.class);
            Awaits.until(Duration.ofSeconds(20), "the failed alert", () -> receiver.received().size() == 1);
            WebhookReceiver.Received failed = receiver.received().get(0);
            assertThat(failed.header(WebhookSignature.HEADER)).isEqualTo(WebhookSignature.of(SECRET,
                    failed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            JsonNode body = Json.mapper().readTree(failed.body());
            assertThat(body.path("event").asText()).isEqualTo("failed");
            assertThat(body.path("table").asText()).isEqualTo(TABLE);
            assertThat(body.path("trigger").asText()).isEqualTo("schedule");
            assertThat(body.path("reason").asText()).isEqualTo("permission");
            assertThat(body.path("message").asText()).contains("permission denied on dataset BI_USA");
            assertThat(body.path("links").path("run").asText()).isEqualTo("https://pulso.example.com/api/v1/etl/runs/"
                    + body.path("runId").asText());

            assertThatThrownBy(this::refresh).isInstanceOf(WorkflowFailedException.class);
            Thread.sleep(3000); // three more checks
            assertThat(receiver.received()).as("a second failure of the same incident").hasSize(1);

            warehouse.failExtraction(null);
            RefreshResult ok = refresh();
            Awaits.until(Duration.ofSeconds(20), "the recovered alert", () -> receiver.received().size() == 2);
            JsonNode recovered = Json.mapper().readTree(receiver.received().get(1).body());
            assertThat(recovered.path("event").asText()).isEqualTo("recovered");
            assertThat(recovered.path("runId").asText()).isEqualTo(ok.runId());
            Thread.sleep(2000);
            assertThat(receiver.received()).as("nothing after the recovery").hasSize(2);
            Awaits.until(Duration.ofSeconds(10), "both deliveries recorded",
                    () -> count("SELECT count(*) FROM etl_alert_deliveries WHERE delivered AND status_code = 200") == 2);

            // POST /api/v1/etl/alerts/test queues a request; the next check sends it.
            TestDatabase.execute(db, "INSERT INTO etl_alert_test_requests (requested_at) VALUES (now())");
            Awaits.until(Duration.ofSeconds(20), "the test event", () -> receiver.received().size() == 3);
            assertThat(Json.mapper().readTree(receiver.received().get(2).body()).path("event").asText()).isEqualTo("test");
        }
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotSlowARefresh() throws Exception {
        try (WebhookReceiver dead = WebhookReceiver.neverAnswering()) {
            start(settings(dead.url()));
            long baseline = System.nanoTime();
            refresh();
            Duration normal = Duration.ofNanos(System.nanoTime() - baseline);

            warehouse.failExtraction(WarehouseException.permanent("accessDenied", "BigQuery: permission denied", null));
            assertThatThrownBy(this::refresh).isInstanceOf(WorkflowFailedException.class);
            Awaits.until(Duration.ofSeconds(20), "the failed alert reached the dead receiver", () -> !dead.received().isEmpty());

            warehouse.failExtraction(null);
            long started = System.nanoTime();
            RefreshResult result = refresh();
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(result.counts().extracted()).isEqualTo(4);
            assertThat(took).as("refresh while the receiver hangs (a normal one took %s)", normal)
                    .isLessThan(normal.plusSeconds(5));
        }
    }
}
