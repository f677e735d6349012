package io.pulso.worker.warehouse.demo;

/**
 * The four portfolios, with the traits that shape their demo data.
 *
 * @param workedDays    how long a file of this portfolio is worked (gets attempts and daily snapshots)
 * @param sizeWeight    relative number of accounts per file
 * @param medianDebt    median initial debt of an account in soles (MOVIL; FIJA debts are larger)
 * @param selfCureRate  share of accounts that pay without any promise
 */
enum Cartera {
    TEMPRANA(30, 1.3, 140, 0.14),
    ALTAS_NUEVAS(45, 1.0, 220, 0.07),
    CUOTA_FRACCIONAMIENTO(60, 0.7, 950, 0.05),
    OTRAS(40, 0.8, 420, 0.04);

    final int workedDays;
    final double sizeWeight;
    final double medianDebt;
    final double selfCureRate;

    Cartera(int workedDays, double sizeWeight, double medianDebt, double selfCureRate) {
        this.workedDays = workedDays;
        this.sizeWeight = sizeWeight;
        this.medianDebt = medianDebt;
        this.selfCureRate = selfCureRate;
    }
}
