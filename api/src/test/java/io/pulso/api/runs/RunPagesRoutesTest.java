package io.pulso.api.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A run's pages over time, from the page ledger, through HTTP. */
class RunPagesRoutesTest extends ApiRouteTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private void runWithPages(String runId, int pages) {
        fixture.log.finished(runId, "operation_data", RefreshMode.FULL_REFRESH, RunStatus.SUCCEEDED, T0, Duration.ofSeconds(9),
                new RowCounts(pages * 100L, pages * 100L, 0, 0, 0, 0), null);
        TestDatabase.execute(fixture.database, "INSERT INTO etl_page_ledger (run_id, page_index, rows_in_page, rows_inserted, "
                + "rows_updated, rows_unchanged, rows_duplicate, committed_at) SELECT '" + runId + "', i, 100, 60, 30, 10, 0, "
                + "TIMESTAMPTZ '2026-03-01 10:00:01+00' + i * INTERVAL '2 seconds' FROM generate_series(0, " + (pages - 1) + ") i");
    }

    @Test
    void listsTheCommittedPagesInOrderWithTheirRowsAndCommitTimes() {
        runWithPages("paged-1", 3);

        ApiResponse response = api.get("/api/v1/etl/runs/paged-1/pages");

        assertThat(response.status()).isEqualTo(200);
        JsonNode pages = response.json().path("pages");
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).path("pageIndex").asInt()).isZero();
        assertThat(pages.get(2).path("pageIndex").asInt()).isEqualTo(2);
        assertThat(pages.get(1).path("rows").asLong()).isEqualTo(100);
        assertThat(pages.get(1).path("inserted").asLong()).isEqualTo(60);
        assertThat(pages.get(1).path("updated").asLong()).isEqualTo(30);
        assertThat(pages.get(1).path("unchanged").asLong()).isEqualTo(10);
        assertThat(pages.get(1).path("committedAt").asText()).isEqualTo("2026-03-01T10:00:03Z");
        assertThat(response.json().path("nextFrom").isNull()).as("no more pages").isTrue();
    }

    @Test
    void longRunsArePagedByFromAndLimit() {
        runWithPages("paged-2", 5);

        JsonNode first = api.get("/api/v1/etl/runs/paged-2/pages?limit=2").json();
        assertThat(first.path("pages")).hasSize(2);
        assertThat(first.path("nextFrom").asInt()).isEqualTo(2);
        JsonNode last = api.get("/api/v1/etl/runs/paged-2/pages?from=4&limit=2").json();
        assertThat(last.path("pages")).hasSize(1);
        assertThat(last.path("pages").get(0).path("pageIndex").asInt()).isEqualTo(4);
        assertThat(last.path("nextFrom").isNull()).isTrue();
    }

    @Test
    void anUnknownRunIs404AndBadParametersAre400() {
        ApiResponse unknown = api.get("/api/v1/etl/runs/nope/pages");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).isEqualTo("run_not_found");

        runWithPages("paged-3", 1);
        for (String bad : new String[] {"?limit=0", "?limit=5001", "?from=-1", "?from=x", "?page=1"}) {
            ApiResponse response = api.get("/api/v1/etl/runs/paged-3/pages" + bad);
            assertThat(response.status()).as(bad).isEqualTo(400);
        }
    }
}
