package io.pulso.bench;

/** The ways measured, by letter. */
enum Method {
    A("A: COPY + one upsert (limit)"),
    B("B: JDBC batch upsert"),
    C("C: load path, page by page"),
    D("D: whole refresh via Temporal"),
    /** C without the run keys (kept for the vanished-row deletion): shows what they cost, in the same run. */
    E("E: C without run keys (bound)"),
    /** D with the BigQuery warehouse: the real REST client reads pages with tabledata.list from a local endpoint. */
    F("F: whole refresh, BigQuery REST"),
    /** D with the BigQuery warehouse reading pages through the Storage Read API (Arrow) from an in-process stand-in. */
    G("G: whole refresh, BigQuery Read API"),
    /** F's extraction alone: jobs, then every page read and decoded over REST, no database. */
    H("H: extraction only, BigQuery REST"),
    /** G's extraction alone: jobs, then every page read and decoded through the Read API, no database. */
    I("I: extraction only, BigQuery Read API");

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
            case F -> new BigQueryRefresh(db, rows, false);
            case G -> new BigQueryRefresh(db, rows, true);
            case H -> new BigQueryExtraction(rows, false);
            case I -> new BigQueryExtraction(rows, true);
        };
    }
}
