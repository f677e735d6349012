package io.pulso.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links to a workflow run in the Temporal UI, so a user can go from an API answer to the run's history. */
public final class TemporalUiLinks {

    private final String baseUrl;
    private final String namespace;

    public TemporalUiLinks(String baseUrl, String namespace) {
        this.baseUrl = baseUrl;
        this.namespace = namespace;
    }

    /** The run's page, or null when no UI is configured (the field is then left out of responses). */
    public String run(String workflowId, String runId) {
        if (baseUrl == null || workflowId == null || runId == null) {
            return null;
        }
        return baseUrl + "/namespaces/" + encode(namespace) + "/workflows/" + encode(workflowId) + "/" + encode(runId);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
