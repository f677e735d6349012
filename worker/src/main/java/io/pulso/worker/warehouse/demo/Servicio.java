package io.pulso.worker.warehouse.demo;

/** The two businesses; account numbers start with a per-business digit. */
enum Servicio {
    MOVIL("9", 1.0),
    FIJA("2", 1.35);

    final String accountPrefix;
    final double debtFactor;

    Servicio(String accountPrefix, double debtFactor) {
        this.accountPrefix = accountPrefix;
        this.debtFactor = debtFactor;
    }
}
