package io.pulso.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.api.RegisteredRoute;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiTestFixture;
import io.pulso.core.config.DatabaseConfig;
import io.pulso.core.db.Database;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.core.testing.StallingProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API's pool, opened with the API's own limits ({@link DatabaseTimeouts#API}), reaches PostgreSQL through a proxy
 * that can stop answering: a database that accepts connections and then never replies. Reads must answer 503
 * quickly instead of waiting for it, and work again once it answers.
 */
class StalledDatabaseTest {

    /** What a status poller can wait: the API's 2 s limits plus scheduling slack on a busy machine. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private static ApiTestFixture fixture;
    private static StallingProxy proxy;
    private static HikariDataSource pool;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        fixture = ApiTestFixture.start();
        URI direct = URI.create(fixture.database.getJdbcUrl().substring("jdbc:".length()));
        proxy = StallingProxy.to(direct.getPort());
        DatabaseConfig throughProxy = new DatabaseConfig("jdbc:postgresql://127.0.0.1:" + proxy.port() + direct.getPath(),
                fixture.database.getUsername(), fixture.database.getPassword());
        pool = Database.pool(throughProxy, "api-stall-test", 4, DatabaseTimeouts.API);
        api = fixture.serve(fixture.deps().database(pool).build());
    }

    @AfterAll
    static void stop() {
        proxy.resume();
        pool.close();
        proxy.close();
        fixture.close();
    }

    @Test
    void statusAnswers503WithinSecondsWhileTheDatabaseStallsAndRecoversAfter() throws InterruptedException {
        String table = fixture.catalog.names().get(0);
        assertThat(api.get("/api/v1/etl/status").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/etl/status/table/" + table).status()).isEqualTo(200);

        proxy.stall();
        try {
            for (String path : List.of("/api/v1/etl/status", "/api/v1/etl/status/table/" + table, "/api/v1/etl/status",
                    "/api/v1/etl/runs")) {
                Timed answer = timed(path);

                assertThat(answer.response().status()).as(path).isEqualTo(503);
                assertThat(answer.response().json().path("error").asText()).as(path).isEqualTo("database_unavailable");
                assertThat(answer.took()).as(path + " answered in " + answer.took().toMillis() + " ms")
                        .isLessThan(ANSWER_WITHIN);
            }
        } finally {
            proxy.resume();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && (status = api.get("/api/v1/etl/status").status()) != 200) {
            Thread.sleep(200);
        }
        assertThat(status).as("status answers again once the database does").isEqualTo(200);
        assertThat(api.get("/api/v1/etl/status/table/" + table).status()).isEqualTo(200);
    }

    @Test
    void everyReadRouteAnswersWithinSecondsWhileTheDatabaseStalls() {
        String table = fixture.catalog.names().get(0);
        List<String> paths = fixture.routes().stream().filter(route -> route.method().equals("GET"))
                .map(RegisteredRoute::path)
                .map(path -> path.replace("{table}", table).replace("{runId}", UUID.randomUUID().toString()))
                .toList();
        assertThat(paths).contains("/api/v1/etl/status", "/api/v1/etl/runs");

        proxy.stall();
        try {
            for (String path : paths) {
                Timed answer = timed(path);

                assertThat(answer.took()).as(path + " answered in " + answer.took().toMillis() + " ms")
                        .isLessThan(ANSWER_WITHIN);
                assertThat(answer.response().status()).as(path + ": an answer, not an internal error")
                        .isNotEqualTo(500);
                if (path.endsWith("/health") || path.equals("/")) { // "/" answers a JSON client with the health check
                    assertThat(answer.response().status()).as(path).isEqualTo(503);
                    assertThat(answer.response().json().path("status").asText()).as(path).isEqualTo("unhealthy");
                } else if (answer.response().status() == 503) {
                    assertThat(answer.response().json().path("error").asText()).as(path).isEqualTo("database_unavailable");
                }
            }
        } finally {
            proxy.resume();
        }
    }

    private record Timed(ApiResponse response, Duration took) {
    }

    private static Timed timed(String path) {
        long started = System.nanoTime();
        ApiResponse response = api.get(path);
        Timed timed = new Timed(response, Duration.ofNanos(System.nanoTime() - started));
        // The measured figures, for the test report.
        System.out.println("stalled database: GET " + path + " -> " + response.status() + " in " + timed.took().toMillis() + " ms");
        return timed;
    }
}
