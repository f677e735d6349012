package io.pulso.worker.warehouse.bigquery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of BigQuery's REST wire format the test endpoints share: JSON answers, error bodies, query strings. */
public final class BigQueryRestWire {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BigQueryRestWire() {
    }

    /** An error as the service sends it: code, message, one error with reason and domain, and the gRPC-style status. */
    public static void sendError(HttpExchange exchange, int status, String reason, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", status);
        error.put("message", message);
        ObjectNode detail = error.putArray("errors").addObject();
        detail.put("reason", reason);
        detail.put("message", message);
        detail.put("domain", "global");
        error.put("status", switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
        });
        send(exchange, status, body);
    }

    public static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A tables.get answer: the table's reference, its schema (as the service writes it) and its row count. */
    public static ObjectNode tableResource(String project, String dataset, String table, ObjectNode schema, int rows) {
        ObjectNode resource = JSON.createObjectNode();
        resource.put("kind", "bigquery#table");
        ObjectNode reference = resource.putObject("tableReference");
        reference.put("projectId", project);
        reference.put("datasetId", dataset);
        reference.put("tableId", table);
        resource.set("schema", schema);
        resource.put("numRows", Integer.toString(rows));
        resource.put("type", "TABLE");
        return resource;
    }

    /** A raw query string's parameters, decoded. */
    public static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }
}
