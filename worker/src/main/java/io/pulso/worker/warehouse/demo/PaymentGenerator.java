package io.pulso.worker.warehouse.demo;

import io.pulso.worker.warehouse.demo.Portfolio.Account;
import io.pulso.worker.warehouse.demo.Portfolio.Client;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws at most one payment per account: most follow a promise within a week; a few accounts pay on their own
 * (more in TEMPRANA, where debts are young). Half the payments settle the debt, the rest pay part of it.
 * Payments fall inside the file's worked period and never after the end date.
 */
final class PaymentGenerator {

    static final List<String> COLUMNS = List.of("nro_documento", "fecha_pago", "monto_cancelado");

    private static final double KEPT_PROMISE_RATE = 0.55;

    private PaymentGenerator() {
    }

    /** Writes the payments; returns the amount paid per account index (zero when none). */
    static BigDecimal[] write(CopyRowWriter out, SplittableRandom rng, Portfolio portfolio,
                              LocalDate[] firstPromiseByClient, LocalDate endDate) throws SQLException {
        BigDecimal[] paid = new BigDecimal[portfolio.accounts().size()];
        for (Account account : portfolio.accounts()) {
            paid[account.index()] = BigDecimal.ZERO;
            LocalDate day = paymentDay(rng, account.client(), firstPromiseByClient[account.client().index()], endDate);
            if (day == null) {
                continue;
            }
            BigDecimal debt = account.deudaInicial();
            BigDecimal amount = rng.nextDouble() < 0.5 ? debt
                    : debt.multiply(BigDecimal.valueOf(0.3 + 0.6 * rng.nextDouble())).setScale(2, RoundingMode.HALF_UP);
            if (amount.signum() <= 0) {
                continue;
            }
            paid[account.index()] = amount;
            out.text(account.cuenta()).date(day).number(amount);
            out.endRow();
        }
        return paid;
    }

    private static LocalDate paymentDay(SplittableRandom rng, Client client, LocalDate promise, LocalDate endDate) {
        LocalDate last = client.archivo().lastWorkedDay().isBefore(endDate) ? client.archivo().lastWorkedDay() : endDate;
        LocalDate day;
        if (promise != null && rng.nextDouble() < KEPT_PROMISE_RATE) {
            day = promise.plusDays(rng.nextInt(7));
        } else if (rng.nextDouble() < client.archivo().cartera().selfCureRate) {
            long span = ChronoUnit.DAYS.between(client.assignedOn(), last) + 1;
            day = client.assignedOn().plusDays(rng.nextLong(Math.max(1, span)));
        } else {
            return null;
        }
        return day.isAfter(last) ? null : day;
    }
}
