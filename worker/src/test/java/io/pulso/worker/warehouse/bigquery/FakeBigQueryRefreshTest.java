package io.pulso.worker.warehouse.bigquery;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.RefreshWorker;
import io.pulso.worker.refresh.RefreshActivitiesImpl;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What refresh tests through the BigQuery fake share: a migrated database per test class, and per test a fresh fake
 * endpoint and Temporal test environment running the real workflow, activities and loader against it.
 */
abstract class FakeBigQueryRefreshTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T15:00:00Z"), ZoneOffset.UTC);
    static final int PAGE_SIZE = 3;
    /** The production catalog with pages of 3 rows, so a small result spans several pages. */
    static final TableCatalog CATALOG = TableCatalog.pulso().withPageSize(PAGE_SIZE);

    static HikariDataSource db;
    static Map<String, TableSchema> schemas;
    FakeBigQuery fake;
    TestWorkflowEnvironment env;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("bigquery");
        schemas = new CatalogSchemaVerifier(db).verify(CATALOG);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    /** The task queue the worker of this test class polls. */
    abstract String queue();

    @BeforeEach
    void startFakeAndWorker() throws Exception {
        TestDatabase.execute(db, "TRUNCATE " + String.join(", ", CATALOG.names())
                + ", etl_watermarks, etl_execution_log, etl_page_ledger, etl_run_page_keys");
        fake = new FakeBigQuery();
        env = TestWorkflowEnvironment.newInstance();
        RefreshWorker.register(env.getWorkerFactory(), queue(), new RefreshActivitiesImpl(CATALOG, schemas,
                FakeBigQueryWarehouses.warehouse(fake), db, CLOCK, new RefreshActivitiesImpl.LoadBudget(2, Duration.ofMinutes(1))));
        env.start();
    }

    @AfterEach
    void stopFakeAndWorker() {
        env.close();
        fake.close();
    }
}
