package io.pulso.worker.warehouse.demo;

import io.pulso.core.catalog.TableDefinition;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Heartbeat;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The embedded default source: the demo warehouse database (see {@link DemoWarehouseSetup}), queried with the
 * Postgres-dialect extraction SQL next to the table catalog. Results are kept as tables in {@code etl_results},
 * so pages are read by token after any crash, like BigQuery destination tables.
 *
 * <p>Page tokens are {@code row:<last row read>}; callers treat them as opaque.
 */
public final class DemoWarehouse implements Warehouse {

    private final DataSource warehouse;
    private final ResultMaterializer materializer;
    private final ResultPageReader reader;

    public DemoWarehouse(DataSource warehouse) {
        this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        this.materializer = new ResultMaterializer(warehouse, new ExtractionSqlCatalog());
        this.reader = new ResultPageReader(warehouse);
    }

    @Override
    public ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId,
                                          Heartbeat heartbeat) {
        return materializer.materialize(table, window, runId);
    }

    @Override
    public Page readPage(ExtractionHandle handle, String pageToken, int pageSize) {
        Objects.requireNonNull(handle, "handle");
        return reader.read(handle, pageToken, pageSize);
    }

    @Override
    public void release(ExtractionHandle handle) {
        Objects.requireNonNull(handle, "handle");
        ResultId id;
        try {
            id = ResultId.parse(handle.resultId());
        } catch (IllegalArgumentException e) {
            throw WarehouseException.permanent("invalidRequest", e.getMessage(), e);
        }
        try (Connection c = warehouse.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)");
                 PreparedStatement forget = c.prepareStatement("DELETE FROM " + DemoSourceSchema.MANIFEST
                         + " WHERE result_id = ?");
                 Statement drop = c.createStatement()) {
                lock.setLong(1, id.lockKey());
                lock.execute();
                drop.execute("DROP TABLE IF EXISTS " + id.qualifiedTable());
                forget.setString(1, id.value());
                forget.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.classify("releasing extraction result " + id.value(), e);
        }
    }

    @Override
    public String name() {
        return "demo";
    }
}
