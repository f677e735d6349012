package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.Page;
import io.pulso.worker.warehouse.WarehouseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Reads a kept result in {@code _row} order, one page per token; a token names the last row already read. */
final class ResultPageReader {

    static final int MAX_PAGE_SIZE = 100_000;

    private final DataSource warehouse;

    ResultPageReader(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    Page read(ExtractionHandle handle, String pageToken, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw WarehouseException.permanent("invalidRequest",
                    "page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + pageSize, null);
        }
        long lastRead;
        ResultId id;
        try {
            lastRead = PageToken.lastRowRead(pageToken);
            id = ResultId.parse(handle.resultId());
        } catch (IllegalArgumentException e) {
            throw WarehouseException.permanent("invalidRequest", e.getMessage(), e);
        }
        List<String> columns = handle.columns();
        String select = "SELECT " + ResultMaterializer.ROW_COLUMN
                + columns.stream().map(col -> ", " + ResultMaterializer.quote(col)).collect(Collectors.joining())
                + " FROM " + id.qualifiedTable() + " WHERE " + ResultMaterializer.ROW_COLUMN + " > ?"
                + " ORDER BY " + ResultMaterializer.ROW_COLUMN + " LIMIT ?";
        try (Connection c = warehouse.getConnection(); PreparedStatement statement = c.prepareStatement(select)) {
            statement.setLong(1, lastRead);
            statement.setInt(2, pageSize + 1); // one extra row tells whether another page follows
            List<Object[]> rows = new ArrayList<>(Math.min(pageSize, 10_000));
            long lastRow = lastRead;
            boolean more = false;
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    if (rows.size() == pageSize) {
                        more = true;
                        break;
                    }
                    lastRow = rs.getLong(1);
                    Object[] row = new Object[columns.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(rs, meta, i + 2);
                    }
                    rows.add(row);
                }
            }
            return new Page(columns, rows, more ? PageToken.after(lastRow) : null);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                throw WarehouseException.permanent("notFound", "extraction result " + id.value()
                        + " does not exist (already released, or never kept in this warehouse)", e);
            }
            throw SqlFailures.classify("reading a page of extraction result " + id.value(), e);
        }
    }

    /** Plain Java values as {@link Page} documents them. */
    private static Object value(ResultSet rs, ResultSetMetaData meta, int column) throws SQLException {
        String type = meta.getColumnTypeName(column);
        Object value = switch (type) {
            case "date" -> rs.getObject(column, LocalDate.class);
            case "timestamptz" -> rs.getObject(column, OffsetDateTime.class);
            case "timestamp" -> rs.getObject(column, LocalDateTime.class);
            case "numeric" -> rs.getBigDecimal(column);
            case "int2", "int4" -> rs.getInt(column);
            case "int8" -> rs.getLong(column);
            case "float4", "float8" -> rs.getDouble(column);
            case "bool" -> rs.getBoolean(column);
            default -> rs.getString(column);
        };
        return rs.wasNull() ? null : value;
    }
}
