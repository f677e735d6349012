package io.pulso.worker.warehouse.bigquery;

import com.google.cloud.bigquery.storage.v1.ArrowRecordBatch;
import com.google.protobuf.ByteString;
import io.pulso.worker.warehouse.WarehouseException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Decimal256Vector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Turns a Read API session's Arrow record batches into rows with exactly the Java values {@link RowDecoder} gives for
 * the same table over REST: INT64 Long, FLOAT64 Double, NUMERIC/BIGNUMERIC BigDecimal written as BigQuery's REST
 * text writes it (no trailing fraction zeros), BOOL Boolean, STRING String, DATE LocalDate, DATETIME LocalDateTime,
 * TIMESTAMP Instant, NULL null. Columns come out in the order of {@code columns} (the result's schema), whatever the
 * batch's order. One decoder per page read: it owns the vectors it loads batches into.
 */
final class ArrowPageDecoder implements AutoCloseable {

    private final BufferAllocator allocator;
    private final VectorSchemaRoot root;
    private final VectorLoader loader;
    private final int[] arrowIndex;
    private final List<String> columns;

    ArrowPageDecoder(Schema schema, List<String> columns, BufferAllocator allocator, String where) {
        this.columns = columns;
        this.allocator = allocator;
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.loader = new VectorLoader(root);
        this.arrowIndex = new int[columns.size()];
        List<String> names = schema.getFields().stream().map(f -> f.getName()).toList();
        for (int i = 0; i < columns.size(); i++) {
            arrowIndex[i] = names.indexOf(columns.get(i));
            if (arrowIndex[i] < 0) {
                root.close();
                throw WarehouseException.permanent("invalidResult", where + ": the read session lacks result column "
                        + columns.get(i) + " (session columns: " + names + ")", null);
            }
        }
    }

    static Schema schema(ByteString serialized) {
        try {
            return MessageSerializer.deserializeSchema(new ReadChannel(Channels.newChannel(serialized.newInput())));
        } catch (IOException | RuntimeException e) {
            throw WarehouseException.permanent("invalidResult", "the read session's Arrow schema cannot be read: " + e, e);
        }
    }

    /** Appends rows {@code from} (inclusive) to {@code to} (exclusive) of {@code batch} to {@code out}. */
    void decode(ArrowRecordBatch batch, int from, int to, List<Object[]> out) {
        try (org.apache.arrow.vector.ipc.message.ArrowRecordBatch loaded = MessageSerializer.deserializeRecordBatch(
                new ReadChannel(Channels.newChannel(batch.getSerializedRecordBatch().newInput())), allocator)) {
            loader.load(loaded);
        } catch (IOException e) {
            throw WarehouseException.retryable("invalidResult", "an Arrow record batch cannot be read: " + e, e);
        }
        for (int row = from; row < to; row++) {
            Object[] values = new Object[arrowIndex.length];
            for (int c = 0; c < values.length; c++) {
                values[c] = value(root.getVector(arrowIndex[c]), row, c);
            }
            out.add(values);
        }
    }

    private Object value(FieldVector vector, int row, int column) {
        if (vector.isNull(row)) {
            return null;
        }
        if (vector instanceof BigIntVector v) {
            return v.get(row);
        }
        if (vector instanceof Float8Vector v) {
            return v.get(row);
        }
        if (vector instanceof DecimalVector v) {
            return restText(v.getObject(row));
        }
        if (vector instanceof Decimal256Vector v) {
            return restText(v.getObject(row));
        }
        if (vector instanceof BitVector v) {
            return v.get(row) != 0;
        }
        if (vector instanceof VarCharVector v) {
            return new String(v.get(row), StandardCharsets.UTF_8);
        }
        if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(row));
        }
        if (vector instanceof TimeStampMicroTZVector v) {
            return micros(v.get(row));
        }
        if (vector instanceof TimeStampMicroVector v) {
            return LocalDateTime.ofInstant(micros(v.get(row)), ZoneOffset.UTC);
        }
        throw WarehouseException.permanent("invalidData", "result column " + columns.get(column) + " arrives as Arrow "
                + vector.getField().getType() + ", which no destination column takes", null);
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** NUMERIC as REST sends it: "1234.5", "100", never "1234.500000000" nor "1E+2". */
    private static BigDecimal restText(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public void close() {
        root.close();
    }
}
