package io.pulso.core.refresh;

/** A refresh of the table is already in progress; nothing new was started. */
public class AlreadyRunningException extends RuntimeException {

    private final String table;
    private final String workflowId;
    private final String runId;

    public AlreadyRunningException(String table, String workflowId, String runId) {
        super("table '" + table + "' is already refreshing (workflow " + workflowId + ", run " + runId + ")");
        this.table = table;
        this.workflowId = workflowId;
        this.runId = runId;
    }

    public String table() {
        return table;
    }

    public String workflowId() {
        return workflowId;
    }

    public String runId() {
        return runId;
    }
}
