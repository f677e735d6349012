package io.pulso.worker.schedule;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.StartedRun;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.schedule.CronWorkflowScheduler;
import io.pulso.core.schedule.FireOutcome;
import io.pulso.core.schedule.InvalidScheduleException;
import io.pulso.core.schedule.ScheduleFiringRepository;
import io.pulso.core.schedule.ScheduleNotFoundException;
import io.pulso.core.schedule.ScheduleSpec;
import io.pulso.core.schedule.ScheduleView;
import io.pulso.core.schedule.TableScheduler;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schedule fallback end to end on the in-process test server (which answers UNIMPLEMENTED to the Schedules API),
 * in real time: the real refresh workflow and activities, an in-memory warehouse, PostgreSQL.
 */
class CronWorkflowScheduleTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "schedule-test";
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);

    private static HikariDataSource db;
    private static TestWorkflowEnvironment env;
    private static InMemoryWarehouse warehouse;
    private static RefreshStarter starter;
    private static TableScheduler scheduler;

    @BeforeAll
    static void start() {
        db = TestDatabase.migrated("schedules");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            rows.add(row(java.time.LocalDate.of(2026, 11, 1).plusDays(d), "A", d, 1));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        var schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
        Worker worker = RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, schemas,
                warehouse, db, Clock.systemUTC(), RefreshActivitiesImpl.LoadBudget.standard()));
        starter = new RefreshStarter(env.getWorkflowClient(), QUEUE);
        ScheduleFiringRepository firings = new ScheduleFiringRepository(db);
        ScheduleWorker.register(worker, new ScheduleFiringActivitiesImpl(starter, firings, Clock.systemUTC()));
        env.start();
        scheduler = io.pulso.core.schedule.SchedulerSelection.choose(env.getWorkflowClient(), QUEUE, CATALOG, firings);
    }

    @AfterAll
    static void stop() {
        env.close();
        db.close();
    }

    @Test
    void aShortIntervalRefreshesTwiceAndAFiringDuringAManualRunSkips() throws Exception {
        assertThat(scheduler).isInstanceOf(CronWorkflowScheduler.class);
        assertThat(scheduler.backend()).isEqualTo(TableScheduler.CRON_WORKFLOW);
        assertThat(scheduler.find(TABLE)).isEmpty();

        assertThat(scheduler.put(TABLE, ScheduleSpec.every(Duration.ofSeconds(1)))).as("created").isTrue();
        awaitTrue(() -> scheduledRuns(RunStatus.SUCCEEDED) >= 2, "two scheduled refreshes");

        List<RunRecord> scheduled = new ExecutionLogRepository(db).list(TABLE, RunStatus.SUCCEEDED, 10, 0);
        assertThat(scheduled).allSatisfy(r -> {
            assertThat(r.trigger()).isEqualTo(Trigger.SCHEDULE);
            assertThat(r.workflowId()).isEqualTo("etl-refresh-" + TABLE);
        });

        // A manual run holds the table; the next firings must start nothing and say so.
        scheduler.pause(TABLE);
        assertThat(scheduler.find(TABLE).orElseThrow().paused()).isTrue();
        awaitTrue(() -> starter.running(TABLE).isEmpty(), "no refresh running");
        InMemoryWarehouse.PageGate gate = warehouse.holdPage(0);
        StartedRun manual = starter.start(RefreshRequest.incremental(TABLE, Trigger.API));
        gate.awaitReached();
        long skippedBefore = scheduler.find(TABLE).orElseThrow().firings().skipped();
        scheduler.resume(TABLE);
        awaitTrue(() -> scheduler.find(TABLE).orElseThrow().firings().skipped() > skippedBefore, "a skipped firing");
        gate.open();

        ScheduleView view = scheduler.find(TABLE).orElseThrow();
        assertThat(view.backend()).isEqualTo("cron-workflow");
        assertThat(view.scheduleId()).isEqualTo("etl-cron-" + TABLE);
        assertThat(view.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(view.timeZone()).isEqualTo("America/Lima");
        assertThat(view.firings().started()).isGreaterThanOrEqualTo(2);
        FireOutcome last = view.firings().last();
        assertThat(last.outcome()).isEqualTo(FireOutcome.SKIPPED);
        assertThat(last.runId()).isEqualTo(manual.runId());
        assertThat(last.detail()).contains("already running");
        assertThat(new ExecutionLogRepository(db).list(TABLE, null, 50, 0))
                .as("the manual run is the only one that ran while it held the table")
                .filteredOn(r -> r.startedAt().isAfter(new ExecutionLogRepository(db).find(manual.runId()).orElseThrow().startedAt()))
                .isEmpty();

        scheduler.delete(TABLE);
        assertThat(scheduler.find(TABLE)).isEmpty();
        assertThatThrownBy(() -> scheduler.trigger(TABLE)).isInstanceOf(ScheduleNotFoundException.class);
    }

    @Test
    void cronNeedsTheSchedulesApi() {
        assertThatThrownBy(() -> scheduler.put(TABLE, new ScheduleSpec(null, "0 */2 * * *", null, false)))
                .isInstanceOf(InvalidScheduleException.class).hasMessageContaining("cron schedules need the Temporal Schedules API");
    }

    private static long scheduledRuns(RunStatus status) {
        return new ExecutionLogRepository(db).list(TABLE, status, 50, 0).stream().filter(r -> r.trigger() == Trigger.SCHEDULE).count();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
