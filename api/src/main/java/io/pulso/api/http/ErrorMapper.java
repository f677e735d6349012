package io.pulso.api.http;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.UnknownTableException;
import io.pulso.core.db.DatabaseUnavailableException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the JSON error shape. Outages of the database or Temporal are 503 with a fixed
 * message (driver messages can carry host names or user names, so they go to the log only); anything
 * unexpected is a 500 with a reference that finds the stack trace in the log.
 */
public final class ErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

    private final TableCatalog catalog;

    public ErrorMapper(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.body()));
        routes.exception(UnknownTableException.class, (e, ctx) -> respond(ctx, 404,
                new ApiException(404, "unknown_table", e.getMessage()).with("knownTables", catalog.names()).body()));
        routes.exception(HttpResponseException.class, this::frameworkError);
        routes.exception(Exception.class, this::unexpected);
    }

    /** Javalin's own answers: no route (404), wrong method (405), body over the size limit (413). */
    private void frameworkError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        String where = ctx.method() + " " + ctx.path();
        switch (status) {
            case 404 -> respond(ctx, 404, ErrorBodies.of("not_found", "no route for " + where, 404));
            case 405 -> {
                String allowed = String.join(", ", e.getDetails().values());
                if (!allowed.isEmpty()) {
                    ctx.header("Allow", allowed);
                }
                respond(ctx, 405, ErrorBodies.of("method_not_allowed", "method " + ctx.method() + " is not allowed on "
                        + ctx.path() + (allowed.isEmpty() ? "" : "; allowed: " + allowed), 405));
            }
            case 413 -> respond(ctx, 413, ErrorBodies.of("payload_too_large",
                    "request body is larger than " + JsonBody.MAX_BYTES + " bytes", 413));
            default -> respond(ctx, status, ErrorBodies.of(snakeCase(e.getMessage()), e.getMessage(), status));
        }
    }

    private void unexpected(Exception e, Context ctx) {
        Throwable database = find(e, DatabaseUnavailableException.class);
        if (database == null) {
            database = find(e, SQLException.class);
        }
        if (database != null) {
            log.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), database.getMessage());
            respond(ctx, 503, ErrorBodies.of("database_unavailable",
                    "The database is unavailable; try again later.", 503));
            return;
        }
        StatusRuntimeException grpc = find(e, StatusRuntimeException.class);
        if (grpc != null && isOutage(grpc.getStatus().getCode())) {
            log.warn("{} {}: Temporal unavailable: {}", ctx.method(), ctx.path(), grpc.getStatus());
            respond(ctx, 503, ErrorBodies.of("temporal_unavailable", "Temporal unavailable; try again later.", 503));
            return;
        }
        String reference = UUID.randomUUID().toString();
        log.error("{} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
        respond(ctx, 500, ErrorBodies.of("internal_error",
                "Internal error; the server log has the details under reference " + reference + ".", 500));
    }

    private static boolean isOutage(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    }

    private static void respond(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).json(body);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String snakeCase(String text) {
        String code = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
        return code.isEmpty() ? "error" : code;
    }
}
