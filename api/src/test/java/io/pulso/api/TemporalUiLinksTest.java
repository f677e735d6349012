package io.pulso.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.api.testing.InMemoryTableScheduler;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.WatermarkRepository;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class TemporalUiLinksTest {

    @Test
    void buildsTheRunPageAndEncodesEachSegment() {
        TemporalUiLinks links = new TemporalUiLinks("https://temporal.example.com", "pulso prod");

        assertThat(links.run("etl-refresh-dashboard_data", "0b5e-11"))
                .isEqualTo("https://temporal.example.com/namespaces/pulso%20prod/workflows/etl-refresh-dashboard_data/0b5e-11");
    }

    @Test
    void noBaseUrlMeansNoLink() {
        assertThat(new TemporalUiLinks(null, "default").run("etl-refresh-x", "r")).isNull();
    }

    @Test
    void dependenciesNormaliseTheUiBaseAndNamespace() {
        PGSimpleDataSource database = new PGSimpleDataSource();
        ApiDependencies deps = new ApiDependencies(TableCatalog.pulso(), new RefreshStarter(null, "queue"),
                new ExecutionLogRepository(database), new WatermarkRepository(database), database, () -> true,
                " http://ui:8080// ", " ", Clock.systemUTC(), null, null, new InMemoryTableScheduler(TableCatalog.pulso()),
                new WorkflowRuns(null));

        assertThat(deps.temporalUiBaseUrl()).isEqualTo("http://ui:8080");
        assertThat(deps.temporalNamespace()).isEqualTo("default");
    }
}
