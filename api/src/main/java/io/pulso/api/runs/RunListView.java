package io.pulso.api.runs;

import java.util.List;

/** A page of the execution log, newest first; {@code total} counts every row matching the filters. */
public record RunListView(List<RunView> runs, long total, int limit, int offset, String table, String status) {
}
