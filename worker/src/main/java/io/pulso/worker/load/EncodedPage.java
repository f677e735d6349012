package io.pulso.worker.load;

import io.pulso.core.catalog.TableSchema;

/**
 * A page turned into COPY text, checked against its table and ready to write. Encoding is the client's share of
 * a page's load, so it is done off the writing thread (by the page read ahead); the source rows can then be dropped.
 *
 * @param copyText      COPY text lines: ordinal, then the table's data columns
 * @param nextPageToken the page's token for the following page, null after the last one
 */
public record EncodedPage(TableSchema schema, String copyText, String nextPageToken) {

    public boolean isLast() {
        return nextPageToken == null;
    }
}
