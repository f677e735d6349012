package io.pulso.worker.load;

/**
 * A page (or a finish) of a run that no longer owns its table: the run was closed (timed out, cancelled, abandoned,
 * superseded by a retry) and another run may have begun. Its transaction committed nothing; retrying cannot help.
 */
public final class RunFencedException extends RuntimeException {

    public RunFencedException(String table, String runId, String ownerRunId, String ownerStatus) {
        super(table + ": run " + runId + " no longer owns the table (its current run is "
                + (ownerRunId == null ? "none" : ownerRunId + ", " + ownerStatus) + "); this attempt committed nothing "
                + "and stops: a closed run must not write over what a newer run loaded");
    }
}
