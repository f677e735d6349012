package io.pulso.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulso.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refreshes tables the way a user would: through the HTTP API (which starts Temporal workflows), then polls each
 * run until it ends and reads its execution-log row back.
 */
public final class DemoRunner {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Json.mapper();
    private final String apiBase;
    private final Duration timeout;

    public DemoRunner(String apiUrl, Duration timeout) {
        this.apiBase = apiUrl + "/api/v1/etl";
        this.timeout = timeout;
    }

    /** Starts every table's refresh at once, then waits for all of them. */
    public List<TableSummary> refreshAll(List<String> tables) throws IOException, InterruptedException {
        Map<String, String> runIds = new LinkedHashMap<>();
        for (String table : tables) {
            HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(apiBase + "/refresh/table/" + table))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            JsonNode body = json.readTree(started.body());
            if (started.statusCode() != 202) {
                throw new IOException("starting " + table + " answered " + started.statusCode() + ": " + started.body());
            }
            runIds.put(table, body.get("runId").asText());
        }
        List<TableSummary> summaries = new ArrayList<>();
        for (Map.Entry<String, String> run : runIds.entrySet()) {
            summaries.add(awaitRun(run.getKey(), run.getValue()));
        }
        return summaries;
    }

    private TableSummary awaitRun(String table, String runId) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(apiBase + "/runs/" + runId)).GET().build());
            JsonNode run = json.readTree(response.body());
            String status = run.path("status").asText();
            if (response.statusCode() == 200 && !status.equals("running") && !status.equals("starting")) {
                return summary(table, runId, run);
            }
            if (Instant.now().isAfter(deadline)) {
                return new TableSummary(table, runId, "timed_out", 0, 0, 0, 0, 0, 0, null, null, null, timeout.toMillis(),
                        "still " + status + " after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static TableSummary summary(String table, String runId, JsonNode run) {
        JsonNode rows = run.path("rows");
        return new TableSummary(table, runId, run.path("status").asText(), rows.path("extracted").asLong(),
                rows.path("inserted").asLong(), rows.path("updated").asLong(), rows.path("unchanged").asLong(),
                rows.path("deleted").asLong(), run.path("pages").asInt(), text(run.path("window").path("from")),
                text(run.path("window").path("to")), text(run.path("watermark").path("after")), run.path("durationMs").asLong(),
                text(run.path("error")));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
