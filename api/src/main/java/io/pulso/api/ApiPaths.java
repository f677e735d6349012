package io.pulso.api;

/** URL layout of the API. The base path is the old system's, which scripts already call. */
public final class ApiPaths {

    public static final String BASE = "/api/v1/etl";

    private ApiPaths() {
    }

    /** Where a client polls a run it started. */
    public static String run(String runId) {
        return BASE + "/runs/" + runId;
    }
}
