package io.pulso.worker.observability;

import java.util.Locale;

/**
 * A small fixed set of failure reasons for the {@code reason} label: error messages are free text (table names,
 * SQL states, ids), and a label with unbounded values would grow Prometheus without limit.
 */
public final class FailureReason {

    private FailureReason() {
    }

    public static String of(String error) {
        String text = error == null ? "" : error.toLowerCase(Locale.ROOT);
        // Before "timeout": a run's deadline message also names the workflow timeout it falls before.
        if (text.contains("exceeded its deadline")) {
            return "deadline_exceeded";
        }
        if (text.contains("timeout") || text.contains("timed out")) {
            return "timeout";
        }
        if (text.contains("cancel")) {
            return "cancelled";
        }
        if (text.contains("permission") || text.contains("access denied") || text.contains("credentials")) {
            return "permission";
        }
        if (text.contains("lacks column") || text.contains("invalid") || text.contains("result has")) {
            return "invalid_data";
        }
        if (text.contains("warehouse") || text.contains("bigquery") || text.contains("extraction")) {
            return "warehouse";
        }
        if (text.contains("database") || text.contains("sql") || text.contains("connection")) {
            return "database";
        }
        return "other";
    }
}
