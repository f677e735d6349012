package io.pulso.worker;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Env;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshTableWorkflow;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.refresh.Trigger;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.load.EvolutionRows;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.pulso.worker.warehouse.InMemoryWarehouse;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The worker's own settings: read and validated from the environment, and applied to the activities it schedules. */
class WorkerSettingsTest {

    @Test
    void withNothingSetTheProductionTimeoutsAndTheCatalogPageSizesApply() {
        WorkerSettings settings = WorkerSettings.fromEnv(new Env(Map.of()));

        assertThat(settings).isEqualTo(WorkerSettings.standard());
        assertThat(settings.loadHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.extractHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.stickyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.applyTo(TableCatalog.pulso()).all()).extracting(TableDefinition::pageSize)
                .containsExactlyElementsOf(TableCatalog.pulso().all().stream().map(TableDefinition::pageSize).toList());
    }

    @Test
    void theEnvironmentSetsTheTimeoutsAndOnePageSizeForEveryTable() {
        WorkerSettings settings = WorkerSettings.fromEnv(new Env(Map.of("LOAD_HEARTBEAT_TIMEOUT", "3",
                "EXTRACT_HEARTBEAT_TIMEOUT", "45", "STICKY_SCHEDULE_TO_START_TIMEOUT", "0", "PAGE_SIZE", "250")));

        assertThat(settings).isEqualTo(new WorkerSettings(Duration.ofSeconds(3), Duration.ofSeconds(45), Duration.ZERO,
                OptionalInt.of(250)));
        assertThat(settings.applyTo(TableCatalog.pulso()).all()).extracting(TableDefinition::pageSize).containsOnly(250);
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> WorkerSettings.fromEnv(new Env(Map.of("LOAD_HEARTBEAT_TIMEOUT", "1"))))
                .isInstanceOf(ConfigException.class).hasMessage("LOAD_HEARTBEAT_TIMEOUT must be between 2 and 600, got 1");
        assertThatThrownBy(() -> WorkerSettings.fromEnv(new Env(Map.of("EXTRACT_HEARTBEAT_TIMEOUT", "2h"))))
                .isInstanceOf(ConfigException.class).hasMessage("EXTRACT_HEARTBEAT_TIMEOUT must be a whole number, got '2h'");
        assertThatThrownBy(() -> WorkerSettings.fromEnv(new Env(Map.of("STICKY_SCHEDULE_TO_START_TIMEOUT", "-1"))))
                .isInstanceOf(ConfigException.class).hasMessage("STICKY_SCHEDULE_TO_START_TIMEOUT must be between 0 and 60, got -1");
        assertThatThrownBy(() -> WorkerSettings.fromEnv(new Env(Map.of("PAGE_SIZE", "0"))))
                .isInstanceOf(ConfigException.class).hasMessage("PAGE_SIZE must be between 1 and 100000, got 0");
    }

    @Test
    void theDatabaseSocketTimeoutMustStayBelowBothHeartbeatTimeouts() {
        WorkerSettings standard = WorkerSettings.standard();
        assertThat(standard.checkDatabaseTimeouts(DatabaseTimeouts.WORKER)).isEqualTo(DatabaseTimeouts.WORKER);

        WorkerSettings quick = WorkerSettings.fromEnv(new Env(Map.of("LOAD_HEARTBEAT_TIMEOUT", "30")));
        assertThatThrownBy(() -> quick.checkDatabaseTimeouts(DatabaseTimeouts.WORKER)).isInstanceOf(ConfigException.class)
                .hasMessage("WORKER_DB_SOCKET_TIMEOUT (90 s) must be below LOAD_HEARTBEAT_TIMEOUT (30 s): a stalled database "
                        + "must fail the attempt before Temporal stops waiting for its heartbeat");
        DatabaseTimeouts lowered = DatabaseTimeouts.fromEnv(new Env(Map.of("WORKER_DB_SOCKET_TIMEOUT", "25",
                "WORKER_DB_STATEMENT_TIMEOUT", "20s")), WorkerSettings.DATABASE_PREFIX, DatabaseTimeouts.WORKER);
        assertThat(quick.checkDatabaseTimeouts(lowered).socketTimeout()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void theDatabaseSocketAndAcquireTimeoutsMustFitInABookkeepingAttempt() {
        WorkerSettings slow = WorkerSettings.fromEnv(new Env(Map.of("LOAD_HEARTBEAT_TIMEOUT", "600")));
        DatabaseTimeouts patient = DatabaseTimeouts.fromEnv(new Env(Map.of("WORKER_DB_SOCKET_TIMEOUT", "115")),
                WorkerSettings.DATABASE_PREFIX, DatabaseTimeouts.WORKER);
        assertThatThrownBy(() -> slow.checkDatabaseTimeouts(patient)).isInstanceOf(ConfigException.class)
                .hasMessage("WORKER_DB_SOCKET_TIMEOUT (115 s) plus WORKER_DB_ACQUIRE_TIMEOUT (10 s) must be below 120 s, "
                        + "the time a BeginRun or FinishRun attempt may take");
    }

    /** What the server enforces is what the workflow scheduled: the history shows each activity's heartbeat timeout. */
    @Test
    void theHeartbeatTimeoutsReachTheActivitiesTheWorkflowSchedules() {
        String table = "evolution_data";
        InMemoryWarehouse warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            rows.add(row(LocalDate.of(2026, 11, 1).plusDays(d), "A", 100 + d, 10));
        }
        warehouse.put(table, EvolutionRows.COLUMNS, rows);
        WorkerSettings settings = new WorkerSettings(Duration.ofSeconds(7), Duration.ofSeconds(11), Duration.ZERO,
                OptionalInt.of(2));
        TableCatalog catalog = settings.applyTo(TableCatalog.pulso());
        try (HikariDataSource db = TestDatabase.migrated("settings");
             TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            RefreshWorker.register(env.getWorkerFactory(), "settings-test", new RefreshActivitiesImpl(catalog,
                    new CatalogSchemaVerifier(db).verify(catalog), warehouse, db, Clock.systemUTC(),
                    RefreshActivitiesImpl.LoadBudget.standard()), settings);
            env.start();
            RefreshTableWorkflow workflow = env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue("settings-test").setWorkflowId("settings-" + table).build());

            var result = workflow.refresh(new RefreshRequest(table, RefreshMode.FULL_REFRESH, null, null, null, Trigger.API, null));

            assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(result.pages()).as("5 rows in pages of 2").isEqualTo(3);
            Map<String, Long> heartbeatSeconds = new TreeMap<>();
            for (HistoryEvent event : env.getWorkflowClient().fetchHistory("settings-" + table).getEvents()) {
                if (event.hasActivityTaskScheduledEventAttributes()) {
                    ActivityTaskScheduledEventAttributes scheduled = event.getActivityTaskScheduledEventAttributes();
                    heartbeatSeconds.put(scheduled.getActivityType().getName(), scheduled.getHeartbeatTimeout().getSeconds());
                }
            }
            assertThat(heartbeatSeconds).isEqualTo(Map.of("BeginRun", 0L, "Extract", 11L, "LoadPages", 7L, "FinishRun", 0L));
        }
    }
}
