package io.pulso.bench;

/** The four ways measured, by letter. */
enum Method {
    A("A: COPY + one upsert (limit)"),
    B("B: JDBC batch upsert"),
    C("C: load path, page by page"),
    D("D: whole refresh via Temporal");

    final String label;

    Method(String label) {
        this.label = label;
    }

    LoadMethod open(BenchDatabase db, long rows) throws Exception {
        return switch (this) {
            case A -> new CopyBaseline(db, rows);
            case B -> new JdbcBatchBaseline(db, rows);
            case C -> new PageLoadPath(db, rows);
            case D -> new WholeRefresh(db, rows);
        };
    }
}
