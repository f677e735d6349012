package io.pulso.api.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client can act on, answered as {@code {"error": code, "message": ..., "status": ...}} plus
 * optional extra fields (for example the known tables of a 404).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    /** Adds a field to the error body. */
    public ApiException with(String field, Object value) {
        details.put(field, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = ErrorBodies.of(code, getMessage(), status);
        body.putAll(details);
        return body;
    }
}
