package io.pulso.worker.load;

import io.pulso.core.catalog.TableSchema;
import java.util.List;
import java.util.Set;

/**
 * A page turned into binary COPY data, checked against its table and ready to write. Encoding is the client's share of
 * a page's load, so it is done off the writing thread (by the page read ahead); the source rows can then be dropped.
 *
 * @param copyData      COPY … (FORMAT binary) data: header, one tuple per row (ordinal, then the table's data
 *                      columns), trailer
 * @param rows          how many tuples
 * @param keys          the page's keys as PostgreSQL compares them, when no two rows share one and Java can tell
 *                      (see CopyRowEncoder#keysComparable); null otherwise. Distinct keys spare the server its
 *                      de-duplication, and pages with disjoint keys may load at once.
 * @param nextPageToken the page's token for the following page, null after the last one
 */
public record EncodedPage(TableSchema schema, byte[] copyData, int rows, Set<List<Object>> keys, String nextPageToken) {

    public boolean keysDistinct() {
        return keys != null;
    }

    public boolean isLast() {
        return nextPageToken == null;
    }
}
