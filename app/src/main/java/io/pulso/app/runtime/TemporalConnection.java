package io.pulso.app.runtime;

import com.uber.m3.tally.Scope;
import io.grpc.StatusRuntimeException;
import io.pulso.core.config.ConfigException;
import io.pulso.core.config.TemporalConfig;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A connection to the Temporal frontend, checked at start so an unreachable server fails fast. */
public record TemporalConnection(TemporalConfig config, WorkflowServiceStubs stubs, WorkflowClient client) implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration API_RPC_RETRY_LIMIT = Duration.ofSeconds(10);

    /** A connection whose calls retry for the SDK's default time (workers: their reports should survive blips). */
    public static TemporalConnection connect(TemporalConfig config) {
        return connect(config, null);
    }

    /**
     * A connection whose calls give up after {@code rpcRetryLimit}; the API uses a short one so that a request during a
     * Temporal outage answers 503 quickly instead of hanging for the SDK's default minute.
     */
    public static TemporalConnection connect(TemporalConfig config, Duration rpcRetryLimit) {
        return connect(config, rpcRetryLimit, null);
    }

    /** As above, reporting the SDK's metrics (client calls, worker polls, activity latencies) to {@code metricsScope}. */
    public static TemporalConnection connect(TemporalConfig config, Duration rpcRetryLimit, Scope metricsScope) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(config.address());
        if (metricsScope != null) {
            options.setMetricsScope(metricsScope);
        }
        if (rpcRetryLimit != null) {
            options.setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(rpcRetryLimit).validateBuildWithDefaults());
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        try {
            stubs.blockingStub().withDeadlineAfter(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            stubs.shutdownNow();
            throw new ConfigException("Temporal is not reachable at " + config.address() + " (TEMPORAL_ADDRESS): "
                    + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription()));
        }
        WorkflowClient client = WorkflowClient.newInstance(stubs,
                WorkflowClientOptions.newBuilder().setNamespace(config.namespace()).build());
        return new TemporalConnection(config, stubs, client);
    }

    /** True when the frontend answers within two seconds. */
    public boolean reachable() {
        try {
            stubs.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return true;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stubs.shutdown();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
    }
}
