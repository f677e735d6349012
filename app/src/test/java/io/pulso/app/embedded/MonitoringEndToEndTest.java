package io.pulso.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pulso.app.runtime.MetricsHttpServer;
import io.pulso.worker.alert.AlertFormat;
import io.pulso.worker.alert.AlertLinks;
import io.pulso.worker.alert.AlertSettings;
import java.net.InetSocketAddress;
import java.util.concurrent.CopyOnWriteArrayList;
import io.pulso.core.json.Json;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring of {@code monitoring/} against the real stack: every metric and label the alert rules and the Grafana
 * dashboard query is in a real scrape of the embedded stack after a successful and a failed refresh, and (when the
 * {@code prometheus} binary is installed, as CI does) a real Prometheus scraping the stack loads the rules, evaluates
 * them without errors and fires PulsoRunFailed for the failed table. The stack's own notifications announce the failed
 * table once to a real receiver, and GET /api/v1/etl/alerts lists the incident and the delivery.
 */
class MonitoringEndToEndTest {

    private static final Path MONITORING = Path.of("..", "monitoring").toAbsolutePath().normalize();
    private static final Path RULES = MONITORING.resolve("prometheus/rules/pulso-alerts.yml");
    private static final Path DASHBOARD = MONITORING.resolve("grafana/dashboards/pulso.json");
    /** Labels Prometheus adds to every series it scrapes; no exporter has them. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "held", "cancelled", "abandoned");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String FAILING_TABLE = "assignment_data";
    private static final String SOURCE_VIEW = "bi_usa.bi_p3fv4dwnemkn5rjmhv8e_vw_asignaciones_clean";

    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static MetricsHttpServer workerMetrics;
    private static HttpServer receiver;
    private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startAndRefresh() throws Exception {
        // A webhook receiver for the notifications of the in-process worker (checked every second here).
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            RECEIVED.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        AlertSettings alerts = new AlertSettings(List.of(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hook")), AlertFormat.JSON, Optional.empty(), AlertSettings.DEFAULT_REMINDER, AlertSettings.DEFAULT_TIMEOUT, 1);
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, false), alerts, AlertLinks.none());
        workerMetrics = MetricsHttpServer.start(0, stack.metrics().registry());
        assertThat(refresh("operation_data")).isEqualTo("succeeded");
        // The source view of assignment_data disappears: its next refresh fails at once (not found is not retried).
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(EmbeddedStack.WAREHOUSE_DB),
                EmbeddedPostgresServer.USER, null); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + SOURCE_VIEW + " RENAME TO gone_for_the_test");
        }
        assertThat(refresh(FAILING_TABLE)).isEqualTo("failed");
        // The SDK hands its metrics to the registry once a second.
        awaitTrue(Duration.ofSeconds(20), "Temporal worker metrics in the scrape", () -> scrape()
                .contains("temporal_activity_schedule_to_start_latency_seconds_bucket"));
    }

    @AfterAll
    static void stop() {
        if (workerMetrics != null) {
            workerMetrics.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void theFailedTableIsNotifiedOnceAndTheApiListsTheIncidentAndTheDelivery() throws Exception {
        awaitTrue(Duration.ofSeconds(30), "the notification of the failed run", () -> !RECEIVED.isEmpty());
        Thread.sleep(3000); // three more checks
        assertThat(RECEIVED).as("one notification for the failed table, none for the one that succeeded").hasSize(1);
        JsonNode sent = Json.mapper().readTree(RECEIVED.get(0));
        assertThat(sent.path("event").asText()).isEqualTo("failed");
        assertThat(sent.path("table").asText()).isEqualTo(FAILING_TABLE);
        assertThat(sent.path("message").asText()).contains("extraction of " + FAILING_TABLE).contains("does not exist");

        JsonNode alerts = get(stack.apiUrl() + "/api/v1/etl/alerts");
        assertThat(alerts.path("openIncidents")).hasSize(1);
        assertThat(alerts.path("openIncidents").get(0).path("table").asText()).isEqualTo(FAILING_TABLE);
        awaitTrue(Duration.ofSeconds(10), "the delivery recorded", () ->
                get(stack.apiUrl() + "/api/v1/etl/alerts").path("deliveries").size() == 1);
        JsonNode delivery = get(stack.apiUrl() + "/api/v1/etl/alerts").path("deliveries").get(0);
        assertThat(delivery.path("delivered").asBoolean()).isTrue();
        assertThat(delivery.path("statusCode").asInt()).isEqualTo(204);
        assertThat(delivery.path("receiver").asText()).isEqualTo("http://127.0.0.1:" + receiver.getAddress().getPort() + "/…");
    }

    @Test
    void everyMetricAndLabelTheRulesAndTheDashboardQueryIsExported() throws Exception {
        String scrape = scrape();
        Files.writeString(folder.resolve("scrape.txt"), scrape);
        List<String> queries = new ArrayList<>(ruleExpressions());
        queries.addAll(dashboardExpressions());
        assertThat(queries).as("queries found in the rules and the dashboard").hasSizeGreaterThan(15);

        List<String> problems = new ArrayList<>();
        int selectors = 0;
        for (String query : queries) {
            Matcher selector = SELECTOR.matcher(query);
            while (selector.find()) {
                selectors++;
                missing(scrape, selector.group(1), selector.group(2)).ifPresent(problems::add);
            }
        }
        assertThat(selectors).isGreaterThan(20);
        assertThat(problems).as("selectors with no series in a real scrape").isEmpty();
    }

    @Test
    void aRealPrometheusScrapesTheStackEvaluatesTheRulesAndFiresRunFailed() throws Exception {
        Optional<Path> binary = onPath("prometheus");
        assumeTrue(binary.isPresent(), "the prometheus binary is not installed (Debian package prometheus)");
        int port = Ports.free();
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(config, """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: ["%s"]
                scrape_configs:
                  - job_name: pulso-api
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                  - job_name: pulso-worker
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(RULES, stack.apiPort(), workerMetrics.port()));
        Process prometheus = new ProcessBuilder(binary.get().toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitTrue(Duration.ofSeconds(60), "PulsoRunFailed firing for " + FAILING_TABLE, () -> {
                JsonNode result = query(base, "ALERTS{alertname=\"PulsoRunFailed\",alertstate=\"firing\"}");
                return result.size() == 1 && result.get(0).path("metric").path("table").asText().equals(FAILING_TABLE)
                        && result.get(0).path("metric").path("status").asText().equals("failed");
            });
            JsonNode age = query(base, "pulso_table_last_success_age_seconds{job=\"pulso-api\",table=\"operation_data\"}");
            assertThat(age).hasSize(1);
            assertThat(age.get(0).path("value").get(1).asDouble()).as("seconds since the refresh").isBetween(0.0, 600.0);
            awaitTrue(Duration.ofSeconds(30), "the worker target scraped and polling", () ->
                    query(base, "sum(temporal_num_pollers{job=\"pulso-worker\",poller_type=\"activity_task\"}) >= 1").size() == 1);
            // Pending until the worker's first scrape; gone at the next evaluation after it.
            awaitTrue(Duration.ofSeconds(10), "PulsoNoWorkerPolling neither pending nor firing", () ->
                    query(base, "ALERTS{alertname=\"PulsoNoWorkerPolling\"}").isEmpty());

            JsonNode rules = get(base + "/api/v1/rules").path("data").path("groups").get(0).path("rules");
            assertThat(rules).hasSize(6);
            for (JsonNode rule : rules) {
                assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": " + rule.path("lastError").asText())
                        .isEqualTo("ok");
            }
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** Why no scraped series fits {@code name{matchers}}, or empty when one does. */
    private static Optional<String> missing(String scrape, String name, String matchers) {
        if (name.equals("up") || name.equals("ALERTS")) {
            return Optional.empty();
        }
        List<String> series = scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " ")).toList();
        if (series.isEmpty()) {
            return Optional.of(name + ": not exported");
        }
        Matcher m = MATCHER.matcher(matchers);
        List<Pattern> required = new ArrayList<>();
        while (m.find()) {
            String label = m.group(1);
            if (TARGET_LABELS.contains(label)) {
                continue;
            }
            // An exact value must exist; a pattern or a negation only needs the label (its values vary with traffic).
            String value = m.group(2).equals("=") && !m.group(3).contains("$") ? Pattern.quote(m.group(3)) : "[^\"]*";
            required.add(Pattern.compile("[{,]" + label + "=\"" + value + "\""));
        }
        boolean found = series.stream().anyMatch(line -> required.stream().allMatch(p -> p.matcher(line).find()));
        return found ? Optional.empty() : Optional.of(name + "{" + matchers + "}: no series with these labels");
    }

    /** The expressions of the rule file: inline after {@code expr:} or the indented block under {@code expr: |}. */
    private static List<String> ruleExpressions() throws Exception {
        List<String> lines = Files.readAllLines(RULES);
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int at = line.indexOf("expr:");
            if (at < 0 || line.strip().startsWith("#")) {
                continue;
            }
            String inline = line.substring(at + 5).strip();
            if (!inline.equals("|")) {
                expressions.add(inline);
                continue;
            }
            StringBuilder block = new StringBuilder();
            while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || indent(lines.get(i + 1)) > at)) {
                block.append(lines.get(++i)).append('\n');
            }
            expressions.add(block.toString());
        }
        return expressions;
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = Json.mapper().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }
        dashboard.path("templating").path("list").forEach(v -> expressions.add(v.path("definition").asText()
                .replaceAll("label_values\\((\\w+), *(\\w+)\\)", "$1{$2=~\".*\"}")));
        return expressions;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    private static JsonNode query(String base, String promql) throws Exception {
        JsonNode answer = get(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return answer.path("data").path("result");
    }

    private static JsonNode get(String url) throws Exception {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return Json.mapper().readTree(response.body());
        } catch (java.io.IOException e) {
            return Json.mapper().createObjectNode(); // Prometheus not listening yet
        }
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Starts a refresh through the API and returns the status the run ended with. */
    private static String refresh(String table) throws Exception {
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl()
                + "/api/v1/etl/refresh/table/" + table)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = Json.mapper().readTree(started.body()).path("runId").asText();
        String[] status = {""};
        awaitTrue(Duration.ofMinutes(2), "run " + runId + " of " + table + " finished", () -> {
            status[0] = get(stack.apiUrl() + "/api/v1/etl/runs/" + runId).path("status").asText();
            return FINISHED.contains(status[0]);
        });
        return status[0];
    }

    private static void awaitTrue(Duration timeout, String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(250);
        }
    }
}
