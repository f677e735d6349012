package io.pulso.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulso.api.security.ApiKeyMatcher;
import io.pulso.api.security.ApiSecurity;
import io.pulso.api.testing.ApiClient;
import io.pulso.api.testing.ApiResponse;
import io.pulso.api.testing.ApiRouteTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConsoleRoutesTest extends ApiRouteTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String KEY = "console-key-5e0c7a1b2d3f4e5a";
    private static final List<String> SCRIPTS = List.of("app.js", "api.js", "dom.js", "format.js", "charts.js", "vendor.js",
            "pages/actions.js", "pages/tables.js", "pages/runs.js", "pages/run.js", "pages/charts.js", "pages/schedules.js");

    @Test
    void aBrowserAtTheRootIsSentToTheConsoleAndEveryOtherClientGetsHealthJson() {
        ApiResponse browser = api.request("GET", "/", Map.of("Accept", BROWSER_ACCEPT), null);
        ApiResponse curl = api.request("GET", "/", Map.of("Accept", "*/*"), null);
        ApiResponse json = api.request("GET", "/", Map.of("Accept", "application/json, text/html"), null);
        ApiResponse none = api.get("/");

        assertThat(browser.status()).isEqualTo(302);
        assertThat(browser.header("Location")).isEqualTo("/console/");
        for (ApiResponse health : List.of(curl, json, none)) {
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("healthy");
            assertThat(health.json().path("checks").path("database").asText()).isEqualTo("up");
        }
        assertThat(api.get("/health").json().path("status").asText()).isEqualTo("healthy");
    }

    @Test
    void theConsolePageIsServedWithAPolicyThatAllowsOnlyItsOwnScripts() {
        ApiResponse page = api.request("GET", "/console/", Map.of("Accept", BROWSER_ACCEPT), null);
        ApiResponse bare = api.request("GET", "/console", Map.of("Accept", BROWSER_ACCEPT), null);
        ApiResponse file = api.get("/console/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/js/app.js\"></script>").doesNotContain("<script>");
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.body()).isEqualTo(page.body());
        assertThat(file.body()).isEqualTo(page.body());
    }

    @Test
    void everyScriptIsServedAsJavaScriptAndTheChartLibraryItImportsIsThere() {
        for (String script : SCRIPTS) {
            ApiResponse response = api.get("/console/js/" + script);
            assertThat(response.status()).as(script).isEqualTo(200);
            assertThat(response.header("Content-Type")).as(script).contains("javascript");
        }
        List<String> vendored = webjarPaths(resource("index.html") + resource("js/vendor.js"));
        assertThat(vendored).as("the WebJar files the console names (the version is uplot.version in the pom)").hasSize(2);
        for (String path : vendored) {
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
    }

    /** Data reaches the page only as text: no script builds markup from strings or evaluates code. */
    @Test
    void noScriptWritesHtmlOrEvaluatesCode() {
        for (String script : SCRIPTS) {
            assertThat(resource("js/" + script)).as(script)
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                            "localStorage");
        }
    }

    @Test
    void withReadsBehindTheKeyTheConsoleFilesStayOpenAndTheDataNeedsTheKey() {
        ApiClient locked = fixture.serve(fixture.deps().security(new ApiSecurity(new ApiKeyMatcher(KEY), true, List.of())).build());

        assertThat(locked.get("/console/").status()).isEqualTo(200);
        assertThat(locked.get("/console/js/app.js").status()).isEqualTo(200);
        assertThat(locked.get(webjarPaths(resource("js/vendor.js")).get(0)).status()).isEqualTo(200);
        assertThat(locked.get("/").status()).as("health for probes").isEqualTo(200);
        assertThat(locked.get("/api/v1/etl/status").status()).isEqualTo(401);
        assertThat(locked.request("GET", "/api/v1/etl/status", Map.of("Authorization", "Bearer " + KEY), null).status())
                .isEqualTo(200);
        assertThat(locked.request("POST", "/console/js/app.js", Map.of(), null).status()).as("only reads are open")
                .isEqualTo(401);
    }

    @Test
    void browsersAreToldApartFromJsonClientsByWhatTheyNameFirst() {
        assertThat(ConsoleRoutes.prefersHtml(BROWSER_ACCEPT)).isTrue();
        assertThat(ConsoleRoutes.prefersHtml("text/html")).isTrue();
        assertThat(ConsoleRoutes.prefersHtml("application/json;q=1, text/html;q=0.5")).isFalse();
        assertThat(ConsoleRoutes.prefersHtml("*/*")).isFalse();
        assertThat(ConsoleRoutes.prefersHtml(null)).isFalse();
    }

    private static List<String> webjarPaths(String text) {
        Matcher m = Pattern.compile("/webjars/[A-Za-z0-9._/-]+").matcher(text);
        List<String> paths = new ArrayList<>();
        while (m.find()) {
            paths.add(m.group());
        }
        return paths;
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(ConsoleRoutes.RESOURCES + "/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
