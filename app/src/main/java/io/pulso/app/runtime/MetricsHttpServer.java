package io.pulso.app.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} for a worker, which has no HTTP API of its own: the JDK's HTTP server is enough for a scrape
 * endpoint and adds no dependency. Only that path and method answer.
 */
public final class MetricsHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;

    private MetricsHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Port 0 picks a free one (see {@link #port()}). */
    public static MetricsHttpServer start(int port, PrometheusMeterRegistry registry) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/", exchange -> answer(exchange, registry));
            server.start();
            log.info("metrics on port {} at /metrics", server.getAddress().getPort());
            return new MetricsHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on port " + port + " (METRICS_PORT)", e);
        }
    }

    private static void answer(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at /metrics\n");
            } else if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            } else {
                send(exchange, 200, CONTENT_TYPE, registry.scrape());
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
    }
}
