package io.pulso.api.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls a running API over real HTTP. */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    public ApiResponse post(String path) {
        return send("POST", path, null, null);
    }

    public ApiResponse postJson(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public ApiResponse send(String method, String path, String contentType, String body) {
        return exchange(method, path, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }

    /** Sends the body without a Content-Length (chunked), as streaming clients do. */
    public ApiResponse postChunked(String path, String contentType, byte[] body) {
        return exchange("POST", path, contentType, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    /** A request with extra headers (API key, Origin); {@code body} null sends none. */
    public ApiResponse request(String method, String path, Map<String, String> headers, String body) {
        return exchange(method, path, body == null ? null : "application/json",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body), headers);
    }

    /** Like {@link #postChunked(String, String, byte[])} with extra headers. */
    public ApiResponse postChunked(String path, Map<String, String> headers, byte[] body) {
        return exchange("POST", path, "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    private ApiResponse exchange(String method, String path, String contentType, HttpRequest.BodyPublisher body) {
        return exchange(method, path, contentType, body, Map.of());
    }

    private ApiResponse exchange(String method, String path, String contentType, HttpRequest.BodyPublisher body,
                                 Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body);
        headers.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
