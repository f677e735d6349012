package io.pulso.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one shape of every error answer, so clients parse failures the same way on every route. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** A mutable body with {@code error}, {@code message} and {@code status} first, for callers to extend. */
    public static Map<String, Object> of(String code, String message, int status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("status", status);
        return body;
    }
}
