package io.pulso.core.refresh;

/** The workflow-id scheme. Every path to a run (API, schedule, retry) uses it, so a table never runs twice at once. */
public final class WorkflowIds {

    private static final String REFRESH_PREFIX = "etl-refresh-";

    private WorkflowIds() {
    }

    public static String refresh(String table) {
        return REFRESH_PREFIX + table;
    }
}
