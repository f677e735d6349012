package io.pulso.app.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a server process alive until SIGTERM/Ctrl-C, then closes its parts in the given order. */
final class ProcessLifetime {

    private ProcessLifetime() {
    }

    static int runUntilStopped(AutoCloseable... parts) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(parts);
            stopped.countDown();
        }, "pulso-shutdown"));
        stopped.await();
        return 0;
    }

    static void closeAll(AutoCloseable... parts) {
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("while stopping " + part.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
