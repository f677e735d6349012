package io.pulso.api.http;

import io.pulso.core.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The JSON error shape for the answers Jetty gives before a request reaches Javalin (headers too large: 431, a URI
 * Jetty refuses such as one with an encoded NUL: 400). Without it those came back as HTML pages, which API clients
 * cannot parse. The message is Jetty's reason, never a stack trace.
 */
public final class JettyJsonErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String reason = HttpStatus.getMessage(code);
        String detail = message == null || message.isBlank() ? reason : message;
        Map<String, Object> body = ErrorBodies.of(snakeCase(reason), "request rejected: " + detail, code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.mapper().writeValueAsBytes(body)), callback);
    }

    private static String snakeCase(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
