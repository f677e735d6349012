package io.pulso.bench;

/** One way of getting {@code rows} synthetic rows of a variant into {@code dashboard_data}. */
interface LoadMethod extends AutoCloseable {

    /** Loads every row of {@code variant}; returns what the method reports it did (counts), for the record. */
    String load(int variant) throws Exception;

    /** Untimed tidying after a case (bookkeeping a later step of a real run would remove). */
    default void afterCase() throws Exception {
    }

    @Override
    default void close() throws Exception {
    }
}
