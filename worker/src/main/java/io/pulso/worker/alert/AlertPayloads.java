package io.pulso.worker.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pulso.core.json.Json;

/** The POST body of an event in each format. */
public final class AlertPayloads {

    private static final ObjectMapper JSON = Json.mapper();

    private AlertPayloads() {
    }

    public static String body(AlertEvent event, AlertFormat format) {
        ObjectNode body = format == AlertFormat.SLACK ? slack(event) : json(event);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + format + " body of a " + event.kind().wireName() + " alert", e);
        }
    }

    /** Every field, for receivers that route or store events; absent fields are left out. */
    private static ObjectNode json(AlertEvent e) {
        ObjectNode body = JSON.createObjectNode();
        body.put("event", e.kind().wireName());
        body.put("summary", e.summary());
        putIfPresent(body, "table", e.table());
        putIfPresent(body, "runId", e.runId());
        putIfPresent(body, "mode", e.mode());
        putIfPresent(body, "trigger", e.trigger());
        putIfPresent(body, "reason", e.reason());
        putIfPresent(body, "message", e.message());
        if (e.attempts() > 0) {
            body.put("attempts", e.attempts());
        }
        body.put("occurredAt", e.occurredAt().toString());
        if (e.lastSuccessAt() != null) {
            body.put("lastSuccessAt", e.lastSuccessAt().toString());
        }
        ObjectNode links = JSON.createObjectNode();
        putIfPresent(links, "run", e.runUrl());
        putIfPresent(links, "temporal", e.temporalUrl());
        if (!links.isEmpty()) {
            body.set("links", links);
        }
        return body;
    }

    /** Slack's {@code text} with its link markup; Teams and Mattermost incoming webhooks read the same field. */
    private static ObjectNode slack(AlertEvent e) {
        StringBuilder text = new StringBuilder("*").append(e.summary()).append('*');
        line(text, "Run", e.runId());
        line(text, "Mode", e.mode() == null ? null : e.mode() + (e.trigger() == null ? "" : ", started by " + e.trigger()));
        line(text, "Attempts", e.attempts() > 0 ? Integer.toString(e.attempts()) : null);
        line(text, "Error", e.message());
        StringBuilder links = new StringBuilder();
        if (e.runUrl() != null) {
            links.append('<').append(e.runUrl()).append("|run in Pulso>");
        }
        if (e.temporalUrl() != null) {
            links.append(links.isEmpty() ? "" : " · ").append('<').append(e.temporalUrl()).append("|Temporal UI>");
        }
        if (!links.isEmpty()) {
            text.append('\n').append(links);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text.toString());
        return body;
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null) {
            text.append('\n').append(label).append(": ").append(value);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
