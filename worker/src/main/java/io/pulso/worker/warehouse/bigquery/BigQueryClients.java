package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;

/** Builds the client from the validated configuration. */
public final class BigQueryClients {

    private BigQueryClients() {
    }

    public static BigQuery create(BigQueryConfig config) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(config.jobProjectId())
                .setLocation(config.location())
                .setCredentials(config.credentials());
        if (config.host() != null) {
            options.setHost(config.host());
        }
        return options.build().getService();
    }
}
