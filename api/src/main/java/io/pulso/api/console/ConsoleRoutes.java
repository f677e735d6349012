package io.pulso.api.console;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.pulso.api.health.HealthRoutes;
import java.util.Map;

/**
 * The web console: static HTML, CSS and JavaScript modules from the classpath under {@code /console/}, the charting
 * library from its WebJar under {@code /webjars/}. The files hold no data (the page reads the public JSON API with
 * the key the user types), so they are served without a key. {@code GET /} sends a browser to the console and
 * answers health JSON to every other client, as {@code /health} does.
 */
public final class ConsoleRoutes {

    public static final String PATH = "/console/";
    static final String RESOURCES = "/io/pulso/api/console";

    /**
     * Scripts, styles, images and API calls only from this origin; no inline script or style, no plugins, no
     * framing, no form posts elsewhere. Table names and error messages are written with textContent, so even a
     * policy bypass would find no markup built from data.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            // A new deploy must not leave an old script talking to a newer API.
            "Cache-Control", "no-cache");

    private final HealthRoutes health;

    public ConsoleRoutes(HealthRoutes health) {
        this.health = health;
    }

    /** Static files are configured on the server, not as routes. */
    public static void configureStaticFiles(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/console";
            files.directory = RESOURCES;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/webjars";
            files.directory = "/META-INF/resources/webjars";
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
        });
    }

    public void register(RoutesConfig routes) {
        routes.get("/", this::root);
    }

    private void root(Context ctx) {
        if (prefersHtml(ctx.header("Accept"))) {
            ctx.redirect(PATH, HttpStatus.FOUND);
        } else {
            health.answer(ctx);
        }
    }

    /**
     * True when the client names text/html before (or without) application/json: what a browser's address bar sends
     * ({@code text/html,application/xhtml+xml,…,*}{@code /*;q=0.8}). curl ({@code *}{@code /*}), probes and API
     * clients asking for JSON get JSON.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(java.util.Locale.ROOT);
        int html = lower.indexOf("text/html");
        if (html < 0) {
            return false;
        }
        int json = lower.indexOf("application/json");
        return json < 0 || html < json;
    }
}
