package io.pulso.core.schedule;

import io.pulso.core.db.DatabaseUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/** Reads and writes {@code etl_schedule_firings}: one row per firing of a table's schedule, whichever backend fired it. */
public final class ScheduleFiringRepository {

    private final DataSource dataSource;

    public ScheduleFiringRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(FireOutcome firing, String backend) {
        String sql = "INSERT INTO etl_schedule_firings (table_name, fired_at, outcome, run_id, detail, backend) VALUES (?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, firing.table());
            ps.setTimestamp(2, Timestamp.from(firing.firedAt()));
            ps.setString(3, firing.outcome());
            ps.setString(4, firing.runId());
            ps.setString(5, firing.detail());
            ps.setString(6, backend);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot record a schedule firing: " + e.getMessage(), e);
        }
    }

    public FiringStats stats(String table) {
        String sql = "SELECT f.fired_at, f.outcome, f.run_id, f.detail, "
                + "(SELECT count(*) FILTER (WHERE outcome = 'started') FROM etl_schedule_firings WHERE table_name = ?) AS started, "
                + "(SELECT count(*) FILTER (WHERE outcome = 'skipped') FROM etl_schedule_firings WHERE table_name = ?) AS skipped, "
                + "(SELECT count(*) FILTER (WHERE outcome = 'failed') FROM etl_schedule_firings WHERE table_name = ?) AS failed "
                + "FROM etl_schedule_firings f WHERE f.table_name = ? ORDER BY f.fired_at DESC, f.id DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
                ps.setString(i, table);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return FiringStats.NONE;
                }
                FireOutcome last = new FireOutcome(table, rs.getTimestamp("fired_at").toInstant(), rs.getString("outcome"),
                        rs.getString("run_id"), rs.getString("detail"));
                return new FiringStats(last, rs.getLong("started"), rs.getLong("skipped"), rs.getLong("failed"));
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("schedule firings not readable: " + e.getMessage(), e);
        }
    }
}
