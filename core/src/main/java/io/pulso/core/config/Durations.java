package io.pulso.core.config;

import java.time.Duration;

/** Durations written as people read them in messages: {@code 1500 ms}, {@code 60 s}, {@code 0 (off)}. */
public final class Durations {

    private Durations() {
    }

    public static String text(Duration d) {
        if (d.isZero()) {
            return "0 (off)";
        }
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
