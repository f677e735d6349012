package io.pulso.app.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A bounded loopback load generator: a fixed number of client threads sending GETs to the status endpoints until
 * the duration ends or the request cap is reached, either back to back (closed loop: as much as the machine gives)
 * or paced to a total rate (a steady stream of dashboard polls).
 */
final class StatusLoad implements AutoCloseable {

    /** What the load measured; latencies in microseconds. */
    record Result(long requests, long non200, double seconds, long p50Micros, long p99Micros) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private static final long MAX_REQUESTS_PER_THREAD = 200_000;

    private final ExecutorService threads;
    private final List<Future<long[]>> running = new ArrayList<>();
    private final List<URI> targets;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private long startedNanos;
    private volatile long endNanos;
    private final int clients;
    private final long clientIntervalNanos;

    /** @param ratePerSecond total requests per second over all clients; 0 for back to back */
    StatusLoad(String apiUrl, List<String> paths, int clients, double ratePerSecond) {
        this.targets = paths.stream().map(p -> URI.create(apiUrl + p)).toList();
        this.clients = clients;
        this.clientIntervalNanos = ratePerSecond <= 0 ? 0 : (long) (clients * 1e9 / ratePerSecond);
        this.threads = Executors.newFixedThreadPool(clients);
    }

    void start(Duration duration) {
        startedNanos = System.nanoTime();
        endNanos = startedNanos + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            int first = c;
            running.add(threads.submit(() -> loop(first)));
        }
    }

    /** Makes every client stop after its request in flight. */
    void stop() {
        endNanos = System.nanoTime();
    }

    /** Waits for the clients to finish (they stop at the duration) and merges what they saw. */
    Result await() throws Exception {
        List<long[]> perClient = new ArrayList<>();
        long non200 = 0;
        for (Future<long[]> client : running) {
            long[] latencies = client.get(5, TimeUnit.MINUTES);
            non200 += latencies[0];
            perClient.add(Arrays.copyOfRange(latencies, 1, latencies.length));
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, non200, seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    /** [non-200 count, latency...] of one client. */
    private long[] loop(int first) throws Exception {
        long[] latencies = new long[1024];
        int n = 0;
        long non200 = 0;
        // Paced clients start staggered, one interval apart over the clients, and keep to their own schedule.
        long next = startedNanos + first * clientIntervalNanos / Math.max(1, clients);
        for (long i = first; i < MAX_REQUESTS_PER_THREAD && System.nanoTime() < endNanos; i++) {
            if (clientIntervalNanos > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += clientIntervalNanos;
                if (System.nanoTime() >= endNanos) {
                    break;
                }
            }
            HttpRequest request = HttpRequest.newBuilder(targets.get((int) (i % targets.size())))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            long t0 = System.nanoTime();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long micros = (System.nanoTime() - t0) / 1_000;
            if (response.statusCode() != 200) {
                non200++;
            }
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            latencies[n++] = micros;
        }
        long[] out = new long[n + 1];
        out[0] = non200;
        System.arraycopy(latencies, 0, out, 1, n);
        return out;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
