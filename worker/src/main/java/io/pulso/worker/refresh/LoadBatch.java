package io.pulso.worker.refresh;

import io.pulso.core.refresh.RowCounts;

/** What one LoadPages activity did: pages committed (or found in the ledger), their counts, and where to go on. */
public record LoadBatch(int pages, RowCounts counts, PageCursor next, boolean done) {
}
