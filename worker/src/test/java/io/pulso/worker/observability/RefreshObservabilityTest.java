package io.pulso.worker.observability;

import static io.pulso.worker.load.EvolutionRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
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
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A refresh through the workflow leaves its metrics in the Prometheus exposition and its run id and table in every log line. */
class RefreshObservabilityTest {

    private static final String TABLE = "evolution_data";
    private static final String QUEUE = "observability-test";
    private static final TableCatalog CATALOG = EvolutionRows.catalog(3, 2);
    private static final Instant NOW = Instant.parse("2026-11-27T15:00:00Z");

    private HikariDataSource db;
    private TestWorkflowEnvironment env;
    private InMemoryWarehouse warehouse;
    private PrometheusMeterRegistry registry;
    private ListAppender<ILoggingEvent> logs;
    private Logger activityLogger;

    @BeforeEach
    void start() {
        db = TestDatabase.migrated("observability");
        warehouse = new InMemoryWarehouse();
        List<Object[]> rows = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            rows.add(row(LocalDate.of(2026, 11, 1).plusDays(d), "A", 100 + d, 10));
        }
        warehouse.put(TABLE, EvolutionRows.COLUMNS, rows);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new RunLogContext()).build())
                .build());
        RefreshWorker.register(env.getWorkerFactory(), QUEUE, new RefreshActivitiesImpl(CATALOG, new CatalogSchemaVerifier(db).verify(CATALOG),
                warehouse, db, Clock.fixed(NOW, ZoneOffset.UTC), RefreshActivitiesImpl.LoadBudget.standard(),
                new MicrometerRefreshMetrics(registry)));
        env.start();
        activityLogger = (Logger) LoggerFactory.getLogger(RefreshActivitiesImpl.class);
        logs = new ListAppender<>();
        logs.start();
        activityLogger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        activityLogger.detachAppender(logs);
        env.close();
        db.close();
    }

    private RefreshResult refresh() {
        return env.getWorkflowClient().newWorkflowStub(RefreshTableWorkflow.class,
                        WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(WorkflowIds.refresh(TABLE)).build())
                .refresh(new RefreshRequest(TABLE, RefreshMode.INCREMENTAL, null, null, null, Trigger.API, null));
    }

    @Test
    void aSuccessfulRunShowsInTheExposition() {
        RefreshResult result = refresh();
        String scrape = registry.scrape();

        assertThat(result.counts().inserted()).isEqualTo(4);
        assertThat(scrape)
                .contains("pulso_rows_loaded_total{outcome=\"inserted\",table=\"evolution_data\"} 4.0")
                .contains("pulso_rows_loaded_total{outcome=\"updated\",table=\"evolution_data\"} 0.0")
                .contains("pulso_rows_loaded_total{outcome=\"unchanged\",table=\"evolution_data\"} 0.0")
                .contains("pulso_rows_loaded_total{outcome=\"deleted\",table=\"evolution_data\"} 0.0")
                .contains("pulso_pages_loaded_total{table=\"evolution_data\"} " + result.pages() + ".0")
                .contains("pulso_run_duration_seconds_count{status=\"succeeded\",table=\"evolution_data\"} 1");
        assertThat(value(scrape, "pulso_last_success_timestamp_seconds{table=\"evolution_data\"}"))
                .isEqualTo(NOW.getEpochSecond());

        refresh();
        assertThat(registry.scrape()).as("a second run adds its unchanged rows")
                .contains("pulso_rows_loaded_total{outcome=\"unchanged\",table=\"evolution_data\"} 4.0")
                .contains("pulso_run_duration_seconds_count{status=\"succeeded\",table=\"evolution_data\"} 2")
                .as("duration buckets for percentiles: both runs are under the 4 h bucket, the +Inf bucket has both")
                .contains("pulso_run_duration_seconds_bucket{status=\"succeeded\",table=\"evolution_data\",le=\"14400.0\"} 2")
                .contains("pulso_run_duration_seconds_bucket{status=\"succeeded\",table=\"evolution_data\",le=\"+Inf\"} 2");
    }

    @Test
    void aFailedRunIsCountedByReason() {
        warehouse.failExtraction(WarehouseException.permanent("accessDenied", "BigQuery: permission denied on dataset BI_USA", null));

        assertThatThrownBy(this::refresh).isInstanceOf(WorkflowFailedException.class);

        assertThat(registry.scrape())
                .contains("pulso_run_failures_total{reason=\"permission\",table=\"evolution_data\"} 1.0")
                .contains("pulso_run_duration_seconds_count{status=\"failed\",table=\"evolution_data\"} 1")
                .doesNotContain("pulso_last_success_timestamp_seconds{table=\"evolution_data\"}");
    }

    @Test
    void everyActivityLogLineOfARunCarriesItsRunIdAndTable() {
        RefreshResult result = refresh();

        List<ILoggingEvent> lines = logs.list.stream().filter(e -> e.getFormattedMessage().contains(result.runId())).toList();
        assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("begins")).anyMatch(m -> m.contains("succeeded"));
        assertThat(logs.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getMDCPropertyMap()).containsEntry(RunLogContext.RUN_ID, result.runId())
                    .containsEntry(RunLogContext.TABLE, TABLE);
        });
    }

    private static long value(String scrape, String series) {
        Matcher m = Pattern.compile(Pattern.quote(series) + " (\\S+)").matcher(scrape);
        assertThat(m.find()).as(series + " in the exposition").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
