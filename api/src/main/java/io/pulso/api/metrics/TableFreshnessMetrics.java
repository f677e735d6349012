package io.pulso.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.refresh.RunStatus;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-table freshness read from the database at every scrape, so it is right after a restart and the same whichever
 * worker ran the refresh (the workers' own {@code pulso_last_success_timestamp_seconds} starts empty in each process):
 * <ul>
 *   <li>{@code pulso_table_last_success_age_seconds{table}}: seconds since {@code etl_watermarks.last_success_at};
 *       no value (NaN) for a table that never succeeded, or while the database cannot be read;</li>
 *   <li>{@code pulso_table_stale_threshold_seconds{table}}: the age above which the table counts as stale, twice its
 *       refresh interval;</li>
 *   <li>{@code pulso_table_last_finished_run{table,status}}: 1 for the status of the table's latest finished run
 *       (succeeded, failed, held, cancelled, abandoned), 0 for the others; a run in progress does not change it, so
 *       a table that fails at every attempt stays "failed" until a run succeeds.</li>
 * </ul>
 */
public final class TableFreshnessMetrics {

    private static final Logger log = LoggerFactory.getLogger(TableFreshnessMetrics.class);
    private static final String QUERY = "SELECT t.name, w.last_success_at, r.status FROM unnest(?::text[]) AS t(name) "
            + "LEFT JOIN etl_watermarks w ON w.table_name = t.name "
            + "LEFT JOIN LATERAL (SELECT l.status FROM etl_execution_log l WHERE l.table_name = t.name "
            + "AND l.status <> 'running' ORDER BY l.started_at DESC LIMIT 1) r ON true";

    /** What the latest read found for one table; nulls where there is nothing (yet). */
    private record Reading(Instant lastSuccessAt, RunStatus lastFinished) {
        static final Reading NONE = new Reading(null, null);
    }

    private final TableCatalog catalog;
    private final DataSource dataSource;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private volatile Instant readAt;

    public TableFreshnessMetrics(TableCatalog catalog, DataSource dataSource, Clock clock) {
        this.catalog = catalog;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Registers one set of gauges per catalog table; they show what the last {@link #refresh()} read. */
    public TableFreshnessMetrics bindTo(MeterRegistry registry) {
        for (TableDefinition table : catalog.all()) {
            String name = table.name();
            Gauge.builder("pulso.table.last.success.age", this, m -> m.ageSeconds(name)).baseUnit("seconds")
                    .description("Seconds since the table's last successful refresh (from etl_watermarks)")
                    .tag("table", name).strongReference(true).register(registry);
            double threshold = staleThreshold(table).toSeconds();
            Gauge.builder("pulso.table.stale.threshold", () -> threshold).baseUnit("seconds")
                    .description("Age of the last success above which the table is stale (twice its refresh interval)")
                    .tag("table", name).strongReference(true).register(registry);
            for (RunStatus status : RunStatus.values()) {
                if (status.finished()) {
                    Gauge.builder("pulso.table.last.finished.run", this, m -> m.lastFinished(name, status))
                            .description("1 for the status of the table's latest finished run, 0 for the others")
                            .tags("table", name, "status", status.wireName()).strongReference(true).register(registry);
                }
            }
        }
        return this;
    }

    /** Twice the refresh interval: one missed schedule is tolerated, two are not. */
    public static Duration staleThreshold(TableDefinition table) {
        return table.refreshInterval().multipliedBy(2);
    }

    /** Reads every table's last success and last finished run in one query; on failure the gauges show no value. */
    public void refresh() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(QUERY)) {
            Array names = c.createArrayOf("text", catalog.names().toArray());
            ps.setArray(1, names);
            Map<String, Reading> read = new ConcurrentHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp success = rs.getTimestamp(2);
                    String status = rs.getString(3);
                    read.put(rs.getString(1), new Reading(success == null ? null : success.toInstant(),
                            status == null ? null : RunStatus.fromWireName(status)));
                }
            }
            readings.clear();
            readings.putAll(read);
            readAt = clock.instant();
        } catch (SQLException | RuntimeException e) {
            // A scrape must still answer (JVM and Temporal series); the freshness series go empty instead of lying.
            readings.clear();
            readAt = null;
            log.warn("table freshness metrics: cannot read etl_watermarks/etl_execution_log: {}", e.getMessage());
        }
    }

    private double ageSeconds(String table) {
        Instant at = readAt;
        Instant success = readings.getOrDefault(table, Reading.NONE).lastSuccessAt();
        if (at == null || success == null) {
            return Double.NaN;
        }
        return Math.max(0, Duration.between(success, at).toMillis() / 1000.0);
    }

    /** 1 or 0; no value (NaN) while the database cannot be read: an outage must not claim a table failed or is fine. */
    private double lastFinished(String table, RunStatus status) {
        if (readAt == null) {
            return Double.NaN;
        }
        return readings.getOrDefault(table, Reading.NONE).lastFinished() == status ? 1 : 0;
    }
}
