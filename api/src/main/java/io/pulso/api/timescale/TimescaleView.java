package io.pulso.api.timescale;

import io.pulso.core.db.TimescaleConversion;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/etl/timescale}; {@code timescaledb: false} with a message on plain PostgreSQL.
 * {@code available}: the server can install the extension; {@code notHypertables}: the tables V3 makes hypertables that
 * are plain tables here (after the extension came later than the migrations, {@code pulso db timescale} converts them).
 */
public record TimescaleView(boolean timescaledb, boolean available, String version, String message,
                            List<String> notHypertables, List<Hypertable> hypertables, List<Job> jobs) {

    private static final String CONVERT = "`pulso db timescale` converts them with their rows (chunk intervals and retention "
            + "of the migrations).";

    static TimescaleView notInstalled() {
        return new TimescaleView(false, false, null, "Not TimescaleDB: the database is plain PostgreSQL, so the dashboard tables are "
                + "ordinary tables without hypertables, chunks, retention or compression policies. Use the TimescaleDB image "
                + "(docker-compose.yml) and run the migrations to get them; on a database migrated before, " + CONVERT,
                TimescaleConversion.HYPERTABLES, List.of(), List.of());
    }

    static TimescaleView availableNotInstalled() {
        return new TimescaleView(false, true, null, "TimescaleDB is available on this server but not installed in this database "
                + "(the migrations ran without it), so the dashboard tables are ordinary tables: " + CONVERT,
                TimescaleConversion.HYPERTABLES, List.of(), List.of());
    }

    static TimescaleView installed(String version, List<Hypertable> hypertables, List<Job> jobs) {
        List<String> converted = hypertables.stream().map(Hypertable::table).toList();
        List<String> plain = TimescaleConversion.HYPERTABLES.stream().filter(t -> !converted.contains(t)).toList();
        String summary = hypertables.size() + " hypertable(s), " + jobs.size() + " retention/compression job(s)";
        return new TimescaleView(true, true, version, plain.isEmpty() ? summary
                : summary + "; not hypertables yet: " + String.join(", ", plain) + " (the migrations ran before TimescaleDB "
                        + "was installed): " + CONVERT, plain, hypertables, jobs);
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
