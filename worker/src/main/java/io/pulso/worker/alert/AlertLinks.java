package io.pulso.worker.alert;

import io.pulso.core.config.Env;
import io.pulso.core.refresh.WorkflowIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links in notifications: the run in the Pulso API ({@code PULSO_PUBLIC_URL}) and in the Temporal UI
 * ({@code TEMPORAL_UI_URL}); either may be unset, then that link is left out.
 */
public record AlertLinks(String apiBaseUrl, String temporalUiUrl, String namespace) {

    public static final String PUBLIC_URL = "PULSO_PUBLIC_URL";

    public AlertLinks {
        apiBaseUrl = trimmed(apiBaseUrl);
        temporalUiUrl = trimmed(temporalUiUrl);
        namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    public static AlertLinks none() {
        return new AlertLinks(null, null, null);
    }

    public static AlertLinks fromEnv(Env env, String namespace) {
        return new AlertLinks(env.get(PUBLIC_URL), env.get("TEMPORAL_UI_URL"), namespace);
    }

    String run(String runId) {
        return apiBaseUrl == null || runId == null ? null : apiBaseUrl + "/api/v1/etl/runs/" + encode(runId);
    }

    String temporal(String table, String runId) {
        return temporalUiUrl == null || runId == null ? null : temporalUiUrl + "/namespaces/" + encode(namespace)
                + "/workflows/" + encode(WorkflowIds.refresh(table)) + "/" + encode(runId);
    }

    private static String trimmed(String url) {
        return url == null || url.isBlank() ? null : url.strip().replaceAll("/+$", "");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
