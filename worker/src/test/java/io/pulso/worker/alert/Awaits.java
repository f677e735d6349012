package io.pulso.worker.alert;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in the alert tests, whose deliveries happen on the workers' own schedule. */
final class Awaits {

    private Awaits() {
    }

    /** Polls {@code condition} every 100 ms until it holds, failing with {@code what} after {@code timeout}. */
    static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
