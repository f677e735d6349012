package io.pulso.worker.load;

import io.pulso.core.refresh.RowCounts;

/**
 * What loading one page did, as recorded in the page ledger.
 *
 * @param fromLedger true when the page had already been committed and these are the recorded counts
 */
public record PageOutcome(int pageIndex, String nextPageToken, RowCounts counts, boolean fromLedger) {
}
