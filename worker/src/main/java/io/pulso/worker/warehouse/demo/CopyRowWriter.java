package io.pulso.worker.warehouse.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with COPY (text format), buffering so that hundreds of thousands of rows load in a
 * second or two without building the whole payload in memory. Call {@link #finish()} to complete the COPY;
 * {@link #close()} without it cancels the COPY.
 */
final class CopyRowWriter implements AutoCloseable {

    // Explicit pattern: OffsetDateTime.toString() drops ":00" seconds, which would make byte-identical output
    // depend on formatting rules instead of the data.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssxxx");
    private static final int FLUSH_AT = 1 << 18;

    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(256);
    private byte[] buffer = new byte[FLUSH_AT + 4096];
    private int length;
    private boolean firstField = true;
    private long rows;
    private boolean finished;

    CopyRowWriter(Connection connection, String table, List<String> columns) throws SQLException {
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    CopyRowWriter text(String value) {
        separator();
        if (value == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(ch);
            }
        }
        return this;
    }

    CopyRowWriter date(LocalDate value) {
        return text(value == null ? null : value.toString());
    }

    CopyRowWriter timestamp(OffsetDateTime value) {
        return text(value == null ? null : TIMESTAMP.format(value));
    }

    CopyRowWriter number(BigDecimal value) {
        return text(value == null ? null : value.toPlainString());
    }

    CopyRowWriter number(long value) {
        separator();
        row.append(value);
        return this;
    }

    CopyRowWriter bool(boolean value) {
        separator();
        row.append(value ? 't' : 'f');
        return this;
    }

    void endRow() throws SQLException {
        row.append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        if (length + bytes.length > buffer.length) {
            flush();
            if (bytes.length > buffer.length) {
                buffer = new byte[bytes.length];
            }
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        if (length >= FLUSH_AT) {
            flush();
        }
        row.setLength(0);
        firstField = true;
        rows++;
    }

    long rows() {
        return rows;
    }

    /** Sends what is buffered and ends the COPY; returns the rows the server reports. */
    long finish() throws SQLException {
        flush();
        finished = true;
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (!finished && copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void separator() {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }
}
