package io.pulso.worker.load;

import io.pulso.core.catalog.TableSchema;

/**
 * A page turned into binary COPY data, checked against its table and ready to write. Encoding is the client's share of
 * a page's load, so it is done off the writing thread (by the page read ahead); the source rows can then be dropped.
 *
 * @param copyData      COPY … (FORMAT binary) data: header, one tuple per row (ordinal, then the table's data
 *                      columns), trailer
 * @param rows          how many tuples
 * @param keysDistinct  true when no two rows share a key (checked on the encoded keys where that is exact), so the
 *                      load can skip the server-side de-duplication; false when they do or it could not be told
 * @param nextPageToken the page's token for the following page, null after the last one
 */
public record EncodedPage(TableSchema schema, byte[] copyData, int rows, boolean keysDistinct, String nextPageToken) {

    public boolean isLast() {
        return nextPageToken == null;
    }
}
