package io.pulso.worker.warehouse.bigquery;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.bigquery.storage.v1.BigQueryReadClient;
import com.google.cloud.bigquery.storage.v1.BigQueryReadSettings;
import io.pulso.worker.warehouse.WarehouseException;
import java.io.IOException;
import java.time.Duration;

/** Builds the Storage Read API client from the validated configuration. */
public final class ReadApiClients {

    private ReadApiClients() {
    }

    public static BigQueryReadClient create(ReadApiConfig readApi, Credentials credentials) {
        TransportChannelProvider transport = null;
        if (readApi.endpoint() != null) {
            transport = BigQueryReadSettings.defaultGrpcTransportProviderBuilder()
                    .setEndpoint(readApi.endpoint())
                    .setChannelConfigurator(channel -> channel.usePlaintext())
                    .build();
        }
        return create(readApi, credentials, transport);
    }

    /**
     * How long one ReadRows call may live, resumptions included. A call spans a stream's pages (each next page is
     * read on it), so its deadline is not a page's: a page's bound is the wait for it (BIGQUERY_READ_PAGE_TIMEOUT,
     * see {@link StreamCall#page}). A session lives about 6 hours, and so no call outlives it.
     */
    static final Duration READ_ROWS_LIFETIME = Duration.ofHours(6);

    /**
     * A client whose ReadRows resumes a stream that breaks (UNAVAILABLE) at the row after the last one received, a
     * few times; a stream that stalls or keeps failing fails the page instead (the page's wait is bounded by the page
     * timeout), and the load's own retry reads that page again from its offset. {@code transport} null means Google's
     * endpoint.
     */
    public static BigQueryReadClient create(ReadApiConfig readApi, Credentials credentials, TransportChannelProvider transport) {
        try {
            // A key file's credentials come unscoped; the REST client scopes its own, this one needs the Read API's.
            Credentials scoped = credentials instanceof GoogleCredentials google && google.createScopedRequired()
                    ? google.createScoped(BigQueryReadSettings.getDefaultServiceScopes()) : credentials;
            BigQueryReadSettings.Builder settings = BigQueryReadSettings.newBuilder()
                    .setCredentialsProvider(scoped instanceof NoCredentials || scoped == null
                            ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(scoped));
            if (transport != null) {
                settings.setTransportChannelProvider(transport);
            }
            Duration timeout = READ_ROWS_LIFETIME;
            settings.readRowsSettings()
                    .setRetryableCodes(StatusCode.Code.UNAVAILABLE)
                    .setRetrySettings(RetrySettings.newBuilder()
                            .setMaxAttempts(5)
                            .setInitialRetryDelayDuration(Duration.ofMillis(100))
                            .setRetryDelayMultiplier(2.0)
                            .setMaxRetryDelayDuration(Duration.ofSeconds(5))
                            .setInitialRpcTimeoutDuration(timeout)
                            .setMaxRpcTimeoutDuration(timeout)
                            .setTotalTimeoutDuration(timeout)
                            .build());
            return BigQueryReadClient.create(settings.build());
        } catch (IOException e) {
            throw WarehouseException.permanent("readApi", "the BigQuery Storage Read API client cannot start: " + e.getMessage(), e);
        }
    }
}
