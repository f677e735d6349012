package io.pulso.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import io.pulso.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads an optional JSON object body into a record, answering every way a body can be wrong with a precise
 * 4xx: too large (413), not JSON (415), malformed, not an object, unknown field or wrong type (400).
 */
public final class JsonBody {

    /** Request bodies here are a handful of options; anything bigger is a mistake or abuse. */
    public static final int MAX_BYTES = 64 * 1024;

    /** An over-size body up to this size is read and dropped before the 413 (see {@link #discardBody}). */
    static final long DISCARD_LIMIT = 4L * 1024 * 1024;

    private static final ObjectMapper STRICT = strictMapper();

    private JsonBody() {
    }

    /**
     * Reads and drops what the client sends of an over-size body, so it finishes sending and then reads the 413: a
     * server that answers and closes while the client is still writing makes the client see a connection reset
     * instead of the answer. Bodies over {@link #DISCARD_LIMIT} are not worth reading.
     */
    private static void discardBody(Context ctx) {
        if (ctx.contentLength() > DISCARD_LIMIT) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[16 * 1024];
            while (in.read(buffer) > 0) {
                // dropped
            }
        } catch (IOException e) {
            // the client went away: there is no one to answer
        }
    }

    /**
     * The body bound to {@code type}, or null when the request has no body (empty or only whitespace), which
     * the refresh routes accept because old clients send their options as query parameters.
     */
    public static <T> T readOptional(Context ctx, Class<T> type) {
        if (ctx.contentLength() > MAX_BYTES) {
            discardBody(ctx);
            throw new ApiException(413, "payload_too_large", "request body is larger than " + MAX_BYTES + " bytes");
        }
        byte[] bytes = bodyBytes(ctx);
        if (bytes.length > MAX_BYTES) {
            throw new ApiException(413, "payload_too_large", "request body is larger than " + MAX_BYTES + " bytes");
        }
        if (isBlank(bytes)) {
            return null;
        }
        requireJsonContentType(ctx.contentType());
        JsonNode tree;
        try {
            tree = STRICT.readTree(bytes);
        } catch (MismatchedInputException e) {
            // Only raised here for a second value after the first (FAIL_ON_TRAILING_TOKENS).
            throw ApiException.badRequest("invalid_json", "request body is not valid JSON" + at(e)
                    + ": unexpected content after the first JSON value");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("invalid_json", "request body is not valid JSON" + at(e) + ": "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ApiException.badRequest("invalid_json", "request body could not be read: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("invalid_body", "request body must be a JSON object, got "
                    + describeKind(tree));
        }
        try {
            return STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown_field", "unknown field '" + fieldPath(e) + "'; allowed fields: "
                    + allowed(e.getKnownPropertyIds()));
        } catch (MismatchedInputException e) {
            String field = fieldPath(e);
            throw ApiException.badRequest("invalid_field", "field '" + field + "' must be "
                    + expected(e.getTargetType()) + ", got " + describeValue(tree.at(pointer(e))));
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m ? fieldPath(m) : "";
            throw ApiException.badRequest("invalid_field", (field.isEmpty() ? "invalid value" : "field '" + field
                    + "' has an invalid value") + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    /**
     * The body as sent. A body Jetty cannot decode (a chunk size that is not hexadecimal, a chunk without its CRLF, the
     * connection ending inside a chunk) surfaces as an I/O failure from the read: the client's fault, so a 400.
     */
    private static byte[] bodyBytes(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof IOException) {
                    throw ApiException.badRequest("invalid_body", "request body could not be read: malformed chunked "
                            + "encoding or the body ended early");
                }
            }
            throw e;
        }
    }

    /** 415 unless the body is declared as JSON; a missing Content-Type is read as JSON (curl -d habits vary). */
    static void requireJsonContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.endsWith("+json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "request body must be JSON (Content-Type: application/json), got Content-Type '" + contentType + "'");
        }
    }

    /**
     * Json.mapper() plus strictness for input written by people: a scalar binds only from its own JSON type
     * ("7" is not a number, 1 is not a boolean, 3 is not a string, 1.5 is not a whole number), a second value after
     * the object and a repeated field are errors. A typo then fails loudly instead of changing the meaning.
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = Json.mapper()
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        Map<LogicalType, Set<CoercionInputShape>> accepted = Map.of(
                LogicalType.Integer, Set.of(CoercionInputShape.Integer),
                LogicalType.Float, Set.of(CoercionInputShape.Integer, CoercionInputShape.Float),
                LogicalType.Boolean, Set.of(CoercionInputShape.Boolean),
                LogicalType.Textual, Set.of(CoercionInputShape.String));
        List<CoercionInputShape> scalars = List.of(CoercionInputShape.String, CoercionInputShape.Integer,
                CoercionInputShape.Float, CoercionInputShape.Boolean);
        accepted.forEach((type, shapes) -> scalars.stream().filter(shape -> !shapes.contains(shape))
                .forEach(shape -> mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail)));
        return mapper;
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getFieldName() != null
                    ? ref.getFieldName().replace("~", "~0").replace("/", "~1")
                    : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a " + type.getSimpleName();
    }

    private static String describeValue(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "an unexpected value";
        }
        String text = node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String describeKind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String allowed(Collection<Object> known) {
        return new TreeSet<>(known.stream().map(String::valueOf).toList()).stream().collect(Collectors.joining(", "));
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
