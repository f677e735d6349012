package io.pulso.api.timescale;

import java.time.OffsetDateTime;
import java.util.List;

/** The answer of {@code GET /api/v1/etl/timescale}; {@code timescaledb: false} with a message on plain PostgreSQL. */
public record TimescaleView(boolean timescaledb, String version, String message, List<Hypertable> hypertables, List<Job> jobs) {

    static TimescaleView notInstalled() {
        return new TimescaleView(false, null, "Not TimescaleDB: the database is plain PostgreSQL, so the dashboard tables are "
                + "ordinary tables without hypertables, chunks, retention or compression policies. Use the TimescaleDB image "
                + "(docker-compose.yml) and run the migrations to get them.", List.of(), List.of());
    }

    static TimescaleView installed(String version, List<Hypertable> hypertables, List<Job> jobs) {
        return new TimescaleView(true, version, hypertables.size() + " hypertable(s), " + jobs.size()
                + " retention/compression job(s)", hypertables, jobs);
    }

    /** One hypertable: its time column, chunk interval, chunk count and the time range its chunks cover. */
    public record Hypertable(String table, String timeColumn, String chunkInterval, int chunks, long compressedChunks,
                             OffsetDateTime oldestChunkStart, OffsetDateTime newestChunkEnd, boolean compressionEnabled) {
    }

    /** A retention or compression policy job and how its last run went. */
    public record Job(int jobId, String kind, String table, String scheduleInterval, String config, boolean scheduled,
                      OffsetDateTime nextStart, String lastRunStatus, OffsetDateTime lastSuccessfulFinish, long totalFailures) {
    }
}
