package io.pulso.worker.alert;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.json.Json;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.refresh.WorkflowIds;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox against a worker crash: the check's first attempt that queued an event dies right after its commit (an
 * activity interceptor throws once the activity returned), and the event still reaches a real receiver, exactly
 * once, although the retry and every later check dispatch the same pending row again while it is delivered; the same
 * for the scheduled check's ticks.
 */
class AlertOutboxTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "alerts-outbox";
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);

    private HikariDataSource db;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;
    private final CrashAfterCommit crash = new CrashAfterCommit();

    /** Fails the first CheckAlerts attempt that returned an event, after the activity (and its commit) finished. */
    static final class CrashAfterCommit extends WorkerInterceptorBase {
        final AtomicBoolean crashed = new AtomicBoolean();
        /** The outbox ids each completed (not crashed) check returned, one list per check. */
        final List<List<Long>> dispatched = new CopyOnWriteArrayList<>();

        @Override
        public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
            return new ActivityInboundCallsInterceptorBase(next) {
                private ActivityExecutionContext context;

                @Override
                public void init(ActivityExecutionContext context) {
                    this.context = context;
                    super.init(context);
                }

                @Override
                public ActivityOutput execute(ActivityInput input) {
                    ActivityOutput output = super.execute(input);
                    if (context.getInfo().getActivityType().equals("CheckAlerts")
                            && output.getResult() instanceof AlertCheckActivities.DueAlerts due && !due.alerts().isEmpty()) {
                        if (crashed.compareAndSet(false, true)) {
                            throw new IllegalStateException("worker died after the check committed");
                        }
                        dispatched.add(due.alerts().stream().map(PendingAlert::outboxId).toList());
                    }
                    return output;
                }
            };
        }
    }

    @BeforeEach
    void start() {
        db = TestDatabase.migrated("alertoutbox");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            rows.add(row(LocalDate.of(2026, 11, 1).plusDays(d), "A", 100 + d, 10));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(crash).build()).build());
    }

    @AfterEach
    void stop() {
        env.close();
        db.close();
    }

    @Test
    void anEventQueuedBeforeACrashIsDeliveredExactlyOnce() throws Exception {
        // The receiver takes 3 s to answer: about three checks find the row still pending and dispatch it again.
        try (WebhookReceiver receiver = WebhookReceiver.answeringAfter(3000)) {
            AlertSettings alerts = new AlertSettings(List.of(receiver.url()), AlertFormat.JSON, Optional.empty(),
                    AlertSettings.DEFAULT_REMINDER, AlertSettings.DEFAULT_TIMEOUT, 1);
            Worker worker = RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG,
                    new CatalogSchemaVerifier(db).verify(CATALOG), warehouse, db, Clock.systemUTC(),
                    RefreshActivitiesImpl.LoadBudget.standard()));
            AlertWorker.register(worker, CATALOG, db, alerts, new AlertLinks(null, null, null), Clock.systemUTC());
            env.start();
            assertThat(AlertWorker.ensureCheckRunning(env.getWorkflowClient(), QUEUE, alerts.checkEvery()))
                    .as("the test server has no Schedules API: the timer workflow").isFalse();

            warehouse.failExtraction(WarehouseException.permanent("accessDenied", "BigQuery: permission denied", null));
            assertThatThrownBy(() -> env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE)).build())
                    .refresh(new RefreshRequest(TABLE, RefreshMode.INCREMENTAL, null, null, null, Trigger.SCHEDULE, null)))
                    .isInstanceOf(WorkflowFailedException.class);

            Awaits.until(Duration.ofSeconds(30), "the outbox row delivered",
                    () -> count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'delivered'") == 1);
            Thread.sleep(2000); // more checks after the delivery
            assertThat(crash.crashed).as("the first check that queued the event crashed after its commit").isTrue();
            assertThat(count("SELECT count(*) FROM etl_alert_incidents")).isEqualTo(1);
            long outboxId = count("SELECT id FROM etl_alert_outbox");
            assertThat(crash.dispatched.stream().filter(ids -> ids.contains(outboxId)).count())
                    .as("checks that dispatched the pending row (the retry and later ticks)").isGreaterThanOrEqualTo(2);

            assertThat(receiver.received()).as("POSTs the receiver got").hasSize(1);
            assertThat(Json.mapper().readTree(receiver.received().get(0).body()).path("event").asText()).isEqualTo("failed");
            assertThat(count("SELECT count(*) FROM etl_alert_deliveries WHERE delivered AND status_code = 200")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM etl_alert_deliveries")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'pending'")).isZero();
            assertThat(env.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                            DescribeWorkflowExecutionRequest.newBuilder().setNamespace(env.getNamespace())
                                    .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                            .setWorkflowId(AlertDispatch.CHILD_PREFIX + outboxId)).build())
                    .getWorkflowExecutionInfo().getStatus())
                    .as("the delivery workflow named by the outbox row")
                    .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        }
    }

    /** What the Temporal Schedule starts at each tick, run here directly (the test server has no Schedules). */
    @Test
    void aScheduledTickDispatchesEachPendingRowOnce() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.answeringAfter(2000)) {
            AlertSettings alerts = new AlertSettings(List.of(receiver.url()), AlertFormat.JSON, Optional.empty(),
                    AlertSettings.DEFAULT_REMINDER, AlertSettings.DEFAULT_TIMEOUT, 1);
            AlertWorker.register(env.newWorker(QUEUE), CATALOG, db, alerts, new AlertLinks(null, null, null), Clock.systemUTC());
            env.start();
            TestDatabase.execute(db, "INSERT INTO etl_alert_test_requests (requested_at) VALUES (now())");

            // The first tick's check crashes after its commit; its retry dispatches the row.
            assertThat(tick(1)).as("deliveries the first tick started").isEqualTo(1);
            assertThat(crash.crashed).isTrue();
            assertThat(tick(2)).as("the next tick, while the row is still being delivered").isZero();

            Awaits.until(Duration.ofSeconds(20), "the outbox row delivered",
                    () -> count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'delivered'") == 1);
            assertThat(tick(3)).as("a tick after the delivery").isZero();
            assertThat(receiver.received()).as("POSTs the receiver got").hasSize(1);
            assertThat(Json.mapper().readTree(receiver.received().get(0).body()).path("event").asText()).isEqualTo("test");
        }
    }

    private int tick(int n) {
        return env.getWorkflowClient().newWorkflowStub(AlertCheckTickWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(AlertCheckSchedule.TICK_WORKFLOW_ID + "-" + n).build()).check();
    }

    private long count(String sql) {
        return TestDatabase.count(db, sql);
    }
}
