package io.pulso.worker.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on a free port: records every POST (headers and body) and answers the scripted statuses in
 * turn (200 once the script is used up), or never answers at all.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final boolean silent;
    private final long delayMillis;

    private WebhookReceiver(boolean silent, int... statuses) throws IOException {
        this(silent, 0, statuses);
    }

    private WebhookReceiver(boolean silent, long delayMillis, int... statuses) throws IOException {
        this.silent = silent;
        this.delayMillis = delayMillis;
        for (int status : statuses) {
            script.add(status);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code statuses} in turn, then 200. */
    static WebhookReceiver answering(int... statuses) throws IOException {
        return new WebhookReceiver(false, statuses);
    }

    /** Answers 200, each time after {@code delayMillis}. */
    static WebhookReceiver answeringAfter(long delayMillis) throws IOException {
        return new WebhookReceiver(false, delayMillis);
    }

    /** Reads each request and never answers it. */
    static WebhookReceiver neverAnswering() throws IOException {
        return new WebhookReceiver(true);
    }

    /** The receiver's URL, with a token in the path as Slack-style webhooks have. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T0KEN-in-path");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()), body));
        if (silent) {
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (delayMillis > 0) {
            try {
                closed.await(delayMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Integer status;
        synchronized (script) {
            status = script.isEmpty() ? 200 : script.poll();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
