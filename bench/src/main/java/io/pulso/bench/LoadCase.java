package io.pulso.bench;

/** The three situations a load meets, run in this order on the same table. */
enum LoadCase {
    INSERTS("all inserts", 0),
    UPDATES("all updates", 1),
    UNCHANGED("nothing changed", 1);

    final String label;
    /** Row variant loaded: the table starts empty, then every row changes, then the same rows come again. */
    final int variant;

    LoadCase(String label, int variant) {
        this.label = label;
        this.variant = variant;
    }
}
