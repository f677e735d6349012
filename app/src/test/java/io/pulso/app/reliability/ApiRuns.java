package io.pulso.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Starts refreshes and follows runs through the HTTP API, as a client would; every wait has a deadline. */
final class ApiRuns {

    record Answer(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiRuns(String apiUrl) {
        this.base = apiUrl + "/api/v1/etl";
    }

    Answer refresh(String table, String jsonBody) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/refresh/table/" + table))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build());
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** Polls the run until it leaves running/starting; fails with the last answer when the deadline passes. */
    JsonNode awaitEnd(String runId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get("/runs/" + runId);
            String status = last.body().path("status").asText();
            if (last.status() == 200 && !status.equals("running") && !status.equals("starting")) {
                return last.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end within " + timeout + "; last answer: "
                + (last == null ? "none" : last.status() + " " + last.body()));
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.mapper().readTree(response.body()));
    }
}
