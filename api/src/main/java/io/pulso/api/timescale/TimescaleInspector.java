package io.pulso.api.timescale;

import io.pulso.core.db.DatabaseUnavailableException;
import io.pulso.core.db.TimescaleConversion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Reads {@code timescaledb_information}: hypertables with their partitioning column and chunk interval, chunk counts
 * and ranges, and the retention/compression jobs with their last outcome. On plain PostgreSQL those views do not
 * exist, so the extension is checked first. Also says which of the tables V3 makes hypertables are still plain tables
 * (the extension came after the migrations) and that {@code pulso db timescale} converts them.
 */
public final class TimescaleInspector {

    private static final String HYPERTABLES = """
            SELECT h.hypertable_name, h.num_chunks, h.compression_enabled, d.column_name, d.time_interval::text AS chunk_interval
            FROM timescaledb_information.hypertables h
            LEFT JOIN timescaledb_information.dimensions d
              ON d.hypertable_schema = h.hypertable_schema AND d.hypertable_name = h.hypertable_name AND d.dimension_number = 1
            WHERE h.hypertable_schema = current_schema()
            ORDER BY h.hypertable_name""";
    private static final String CHUNKS = """
            SELECT hypertable_name, count(*) AS chunks, count(*) FILTER (WHERE is_compressed) AS compressed,
                   min(range_start) AS oldest, max(range_end) AS newest
            FROM timescaledb_information.chunks
            WHERE hypertable_schema = current_schema()
            GROUP BY hypertable_name""";
    private static final String JOBS = """
            SELECT j.job_id, j.proc_name, j.hypertable_name, j.schedule_interval::text AS schedule_interval,
                   j.config::text AS config, j.scheduled, j.next_start, s.last_run_status, s.last_successful_finish,
                   s.total_failures
            FROM timescaledb_information.jobs j
            LEFT JOIN timescaledb_information.job_stats s ON s.job_id = j.job_id
            WHERE j.proc_name IN ('policy_retention', 'policy_compression')
            ORDER BY j.hypertable_name, j.proc_name""";

    private final DataSource dataSource;

    public TimescaleInspector(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public TimescaleView inspect() {
        try (Connection c = dataSource.getConnection()) {
            String version = extensionVersion(c);
            if (version == null) {
                return TimescaleConversion.available(c) ? TimescaleView.availableNotInstalled() : TimescaleView.notInstalled();
            }
            Map<String, ChunkSummary> chunks = chunks(c);
            List<TimescaleView.Hypertable> hypertables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(HYPERTABLES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("hypertable_name");
                    ChunkSummary summary = chunks.getOrDefault(name, ChunkSummary.NONE);
                    hypertables.add(new TimescaleView.Hypertable(name, rs.getString("column_name"), rs.getString("chunk_interval"),
                            rs.getInt("num_chunks"), summary.compressed(), summary.oldest(), summary.newest(),
                            rs.getBoolean("compression_enabled")));
                }
            }
            return TimescaleView.installed(version, hypertables, jobs(c));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot read TimescaleDB information: " + e.getMessage(), e);
        }
    }

    private static String extensionVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private record ChunkSummary(long compressed, OffsetDateTime oldest, OffsetDateTime newest) {
        static final ChunkSummary NONE = new ChunkSummary(0, null, null);
    }

    private static Map<String, ChunkSummary> chunks(Connection c) throws SQLException {
        Map<String, ChunkSummary> byTable = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(CHUNKS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byTable.put(rs.getString("hypertable_name"), new ChunkSummary(rs.getLong("compressed"),
                        rs.getObject("oldest", OffsetDateTime.class), rs.getObject("newest", OffsetDateTime.class)));
            }
        }
        return byTable;
    }

    private static List<TimescaleView.Job> jobs(Connection c) throws SQLException {
        List<TimescaleView.Job> jobs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(JOBS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                jobs.add(new TimescaleView.Job(rs.getInt("job_id"),
                        rs.getString("proc_name").replaceFirst("^policy_", ""), rs.getString("hypertable_name"),
                        rs.getString("schedule_interval"), rs.getString("config"), rs.getBoolean("scheduled"),
                        rs.getObject("next_start", OffsetDateTime.class), rs.getString("last_run_status"),
                        rs.getObject("last_successful_finish", OffsetDateTime.class), rs.getLong("total_failures")));
            }
        }
        return jobs;
    }
}
