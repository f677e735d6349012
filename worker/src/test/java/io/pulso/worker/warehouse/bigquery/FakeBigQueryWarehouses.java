package io.pulso.worker.warehouse.bigquery;

import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import java.time.Duration;

/** BigQuery warehouses whose real client talks to a {@link FakeBigQuery}. */
final class FakeBigQueryWarehouses {

    static final String VIEW_PREFIX = "bi_P3fV4dWNeMkN5RJMhV8e_vw_";
    static final JobPolling FAST_POLLING = new JobPolling(Duration.ofMillis(5), Duration.ofMillis(20));

    private FakeBigQueryWarehouses() {
    }

    static BigQueryConfig config(FakeBigQuery fake, Duration jobTimeout) {
        return new BigQueryConfig(FakeBigQuery.PROJECT, FakeBigQuery.PROJECT, "BI_USA", VIEW_PREFIX, "US", 5_000_000_000L,
                jobTimeout, fake.url(), NoCredentials.getInstance());
    }

    static BigQueryWarehouse warehouse(FakeBigQuery fake) {
        return warehouse(fake, Duration.ofSeconds(30));
    }

    static BigQueryWarehouse warehouse(FakeBigQuery fake, Duration jobTimeout) {
        return warehouse(fake, jobTimeout, FakeBigQuery.DEFAULT_IDENTITY);
    }

    /** A warehouse whose requests the fake attributes to {@code identity}, as Google does by the caller's token. */
    static BigQueryWarehouse warehouse(FakeBigQuery fake, Duration jobTimeout, String identity) {
        return new BigQueryWarehouse(client(fake, identity), config(fake, jobTimeout), FAST_POLLING);
    }

    /**
     * A warehouse reading pages with {@code readApi} (through {@code read}'s Read API stand-in unless it is off), its
     * jobs on {@code fake} under the default identity, with a 30 s job timeout.
     */
    static BigQueryWarehouse readApi(FakeBigQuery fake, FakeBigQueryRead read, ReadApiConfig readApi) {
        return new BigQueryWarehouse(client(fake, FakeBigQuery.DEFAULT_IDENTITY), config(fake, Duration.ofSeconds(30)),
                FAST_POLLING, readApi, readApi.enabled() ? read.client(readApi) : null);
    }

    /** The real client, pointed at the fake, its requests attributed to {@code identity}. */
    static BigQuery client(FakeBigQuery fake, String identity) {
        return BigQueryOptions.newBuilder()
                .setHost(fake.url())
                .setProjectId(FakeBigQuery.PROJECT)
                .setCredentials(NoCredentials.getInstance())
                .setHeaderProvider(FixedHeaderProvider.create(FakeBigQuery.IDENTITY_HEADER, identity))
                .build()
                .getService();
    }
}
