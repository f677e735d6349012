package io.pulso.app.runtime;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * One Prometheus registry per process: JVM basics, the Temporal SDK's client and worker metrics (reported through
 * {@link MicrometerClientStatsReporter} from the scope given to the service stubs) and the refresh metrics.
 */
public final class ProcessMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final Scope temporalScope;
    private final JvmGcMetrics gc;

    private ProcessMetrics(PrometheusMeterRegistry registry, Scope temporalScope, JvmGcMetrics gc) {
        this.registry = registry;
        this.temporalScope = temporalScope;
        this.gc = gc;
    }

    public static ProcessMetrics create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        // The SDK buffers its metrics in the tally scope; every second they are handed to Micrometer.
        Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
        return new ProcessMetrics(registry, scope, gc);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Give this to the WorkflowServiceStubs: the client and every worker built on them report into it. */
    public Scope temporalScope() {
        return temporalScope;
    }

    @Override
    public void close() {
        try {
            temporalScope.close();
        } catch (Exception e) {
            // Closing flushes the last report; nothing is lost that matters once the process stops.
        }
        gc.close();
        registry.close();
    }
}
