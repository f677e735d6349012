package io.pulso.worker.warehouse.demo;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/** Demo warehouses for tests: fresh empty ones, and one shared small warehouse per JVM (read-only use). */
public final class DemoTestData {

    public static final long SEED = 20_261_008L;
    /** Small scale then covers 2026-09-18 .. 2026-10-08: two months, for month-window cases. */
    public static final LocalDate END_DATE = LocalDate.of(2026, 10, 8);

    private static HikariDataSource shared;
    private static GenerationSummary sharedSummary;

    private DemoTestData() {
    }

    /** An empty database of the embedded server with the demo schema applied. */
    public static HikariDataSource emptyWarehouse(String prefix) {
        HikariDataSource ds = TestDatabase.pool(TestDatabase.createDatabase(prefix));
        DemoSourceSchema.apply(ds);
        return ds;
    }

    /** A small warehouse generated once with {@link #SEED} up to {@link #END_DATE}. Do not change its source rows. */
    public static synchronized HikariDataSource smallWarehouse() {
        if (shared == null) {
            shared = emptyWarehouse("demo_small");
            sharedSummary = DemoDataGenerator.generate(shared, SEED, DemoScale.small(), END_DATE);
        }
        return shared;
    }

    public static synchronized GenerationSummary smallSummary() {
        smallWarehouse();
        return sharedSummary;
    }

    /** md5 of every source table's rows in a fixed order: equal checksums mean identical data. */
    public static Map<String, String> checksums(DataSource warehouse) {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = warehouse.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            for (String table : DemoSourceSchema.SOURCE_TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                        + " FROM " + table + " t")) {
                    rs.next();
                    sums.put(table, rs.getString(1));
                }
            }
            s.execute("RESET TIME ZONE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    public static long count(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static String text(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long rows(DataSource ds, String table) {
        return count(ds, "SELECT count(*) FROM " + table);
    }
}
