package io.pulso.api;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pulso.api.refresh.BackfillLimits;
import io.pulso.api.security.ApiSecurity;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.refresh.RefreshStarter;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.runs.WorkflowRuns;
import io.pulso.core.schedule.TableScheduler;
import java.time.Clock;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * Everything the HTTP API needs, built by the launcher. The API owns none of it: closing the server closes
 * neither the pool nor the Temporal client.
 *
 * @param catalog           the tables that can be refreshed
 * @param refreshStarter    the only way runs are started; also answers "what is running" and live progress
 * @param runs              the execution log
 * @param watermarks        per-table watermark and last outcome
 * @param dataSource        the destination database, pinged by the health check
 * @param temporalProbe     true when the Temporal frontend answers; a probe that throws counts as down
 * @param temporalUiBaseUrl Temporal UI root (for example {@code http://localhost:8080}), or null for no links
 * @param temporalNamespace namespace used in Temporal UI links; null means {@code default}
 * @param clock             the time source for "generated at" and "overdue" fields
 * @param security          API key, read protection and CORS origins; null means {@link ApiSecurity#open()}
 * @param metrics           the registry {@code GET /metrics} exposes; null means an empty one of its own
 * @param scheduler         per-table schedules (Temporal Schedules or the cron-workflow fallback)
 * @param workflowRuns      describe, cancel and read the history of runs on the Temporal server
 * @param backfillLimits    how far back and how wide a backfill may reach; null means {@link BackfillLimits#standard()}
 */
public record ApiDependencies(
        TableCatalog catalog,
        RefreshStarter refreshStarter,
        ExecutionLogRepository runs,
        WatermarkRepository watermarks,
        DataSource dataSource,
        BooleanSupplier temporalProbe,
        String temporalUiBaseUrl,
        String temporalNamespace,
        Clock clock,
        ApiSecurity security,
        PrometheusMeterRegistry metrics,
        TableScheduler scheduler,
        WorkflowRuns workflowRuns,
        BackfillLimits backfillLimits) {

    public static final String DEFAULT_NAMESPACE = "default";

    /** With the standard backfill limits. */
    public ApiDependencies(TableCatalog catalog, RefreshStarter refreshStarter, ExecutionLogRepository runs,
                           WatermarkRepository watermarks, DataSource dataSource, BooleanSupplier temporalProbe,
                           String temporalUiBaseUrl, String temporalNamespace, Clock clock, ApiSecurity security,
                           PrometheusMeterRegistry metrics, TableScheduler scheduler, WorkflowRuns workflowRuns) {
        this(catalog, refreshStarter, runs, watermarks, dataSource, temporalProbe, temporalUiBaseUrl, temporalNamespace,
                clock, security, metrics, scheduler, workflowRuns, null);
    }

    public ApiDependencies {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(refreshStarter, "refreshStarter");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(watermarks, "watermarks");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(temporalProbe, "temporalProbe");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(workflowRuns, "workflowRuns");
        if (temporalUiBaseUrl != null) {
            temporalUiBaseUrl = temporalUiBaseUrl.isBlank() ? null : temporalUiBaseUrl.strip().replaceAll("/+$", "");
        }
        if (temporalNamespace == null || temporalNamespace.isBlank()) {
            temporalNamespace = DEFAULT_NAMESPACE;
        }
        if (security == null) {
            security = ApiSecurity.open();
        }
        if (metrics == null) {
            metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        }
        if (backfillLimits == null) {
            backfillLimits = BackfillLimits.standard();
        }
    }
}
