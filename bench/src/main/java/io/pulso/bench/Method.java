package io.pulso.bench;

/** The four ways measured, by letter. */
enum Method {
    A("A: COPY + one upsert (limit)"),
    B("B: JDBC batch upsert"),
    C("C: load path, page by page"),
    D("D: whole refresh via Temporal"),
    /** C without the run keys (kept for the vanished-row deletion): shows what they cost, in the same run. */
    E("E: C without run keys (bound)");

    final String label;

    Method(String label) {
        this.label = label;
    }

    LoadMethod open(BenchDatabase db, long rows) throws Exception {
        return switch (this) {
            case A -> new CopyBaseline(db, rows);
            case B -> new JdbcBatchBaseline(db, rows);
            case C -> new PageLoadPath(db, rows, true);
            case D -> new WholeRefresh(db, rows);
            case E -> new PageLoadPath(db, rows, false);
        };
    }
}
