package io.pulso.worker.load;

import io.pulso.core.runlog.WatermarkRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/** Makes a run the running owner of a table, as BeginRun does, so the loader's fence lets its pages in. */
public final class RunOwnership {

    private RunOwnership() {
    }

    public static void claim(DataSource db, String table, String runId) {
        try (Connection c = db.getConnection()) {
            new WatermarkRepository(db).markRunning(c, table, runId, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make " + runId + " the owner of " + table, e);
        }
    }
}
