package io.pulso.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pulso.api.ApiDependencies;
import io.pulso.api.ApiServer;
import io.pulso.api.security.ApiKeyMatcher;
import io.pulso.api.security.ApiSecurity;
import io.pulso.app.embedded.EmbeddedStack;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.json.Json;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.demo.DemoScale;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser against the whole embedded stack, through an API whose reads need the key too
 * ({@code API_READ_REQUIRES_KEY=true}) and that links runs to a Temporal UI. What an operator sees and does: the five
 * tables, a full refresh started from the page reaching succeeded with the API's counts, a failed run's error (with
 * markup in it) shown as text and retried, a running refresh cancelled, a schedule created and paused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String KEY = "console-browser-key-7c41e9a0";
    private static final String TEMPORAL_UI = "http://127.0.0.1:8233";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    @TempDir
    static Path folder;
    private static EmbeddedStack stack;
    private static ApiServer lockedApi;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() {
        stack = EmbeddedStack.start(new EmbeddedStack.Options(folder.resolve("pg"), 0, 0, 0, 7, DemoScale.small(),
                LocalDate.of(2026, 11, 20), null, KEY, false));
        ApiDependencies d = stack.apiDependencies();
        lockedApi = ApiServer.start(new ApiDependencies(d.catalog(), d.refreshStarter(), d.runs(), d.watermarks(),
                d.dataSource(), d.temporalProbe(), TEMPORAL_UI, d.temporalNamespace(), d.clock(),
                new ApiSecurity(new ApiKeyMatcher(KEY), true, List.of()), d.metrics(), d.scheduler(), d.workflowRuns()), 0);
        base = "http://127.0.0.1:" + lockedApi.port();
        browser = HeadlessChromium.start(folder.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (lockedApi != null) {
            lockedApi.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void theTablesPageAsksForTheKeyThenListsAllFiveTables() {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).as("a browser at / lands on the console").isEqualTo(base + "/console/");
        await(Duration.ofSeconds(15), () -> text("#updated").contains("401"));
        assertThat(text("#updated")).contains("missing_api_key", "enter the API key above");

        enterKey();

        await(Duration.ofSeconds(15), () -> rows("#tables-body tr").size() == 5);
        assertThat(rows("#tables-body tr").stream().map(r -> r.getAttribute("data-table")))
                .containsExactlyInAnyOrderElementsOf(TableCatalog.pulso().names());
        assertThat(rows("#tables-body tr .freshness")).allSatisfy(cell ->
                assertThat(cell.getText()).as("no table has loaded yet").contains("stale (never loaded)"));
        assertThat((Object) browser.executeScript("return window.localStorage.length")).as("nothing in local storage")
                .isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).doesNotContain(KEY);
    }

    @Test
    @Order(2)
    void aFullRefreshStartedFromTheConsoleReachesSucceededWithTheSameCountsAsTheApi() {
        showTables();
        new Select(find("#refresh-target")).selectByValue("dashboard_data");
        new Select(find("#refresh-mode")).selectByValue("full_refresh");
        find("#refresh-start").click();

        String runId = openStartedRun("Refresh dashboard_data");
        await(RUN_TIMEOUT, () -> "succeeded".equals(find("#run-status").getText()));
        await(Duration.ofSeconds(10), () -> !rows("#history-activities tbody tr").isEmpty());

        JsonNode run = apiGet("/api/v1/etl/runs/" + runId);
        assertThat(run.path("status").asText()).isEqualTo("succeeded");
        assertThat(run.path("mode").asText()).isEqualTo("full_refresh");
        assertThat(run.path("rows").path("extracted").asLong()).isPositive();
        for (String count : List.of("extracted", "inserted", "updated", "unchanged", "deleted", "duplicates", "kept")) {
            assertThat(find("#run-counts td[data-count='" + count + "']").getText()).as(count)
                    .isEqualTo(run.path("rows").path(count).asText());
        }
        assertThat(find("#run-table").getText()).isEqualTo("dashboard_data");
        assertThat(find("a[href^='" + TEMPORAL_UI + "']").getText()).isEqualTo("open in the Temporal UI");
        assertThat(rows("#history-activities tbody tr").stream().map(r -> r.findElement(By.cssSelector("td")).getText()))
                .contains("BeginRun", "Extract", "LoadPages", "FinishRun");
        JsonNode ledger = apiGet("/api/v1/etl/runs/" + runId + "/pages");
        assertThat(ledger.path("pages").size()).as("one ledger page per page the run loaded").isEqualTo(run.path("pages").asInt());
        long ledgerRows = 0;
        for (JsonNode page : ledger.path("pages")) {
            ledgerRows += page.path("rows").asLong();
        }
        assertThat(ledgerRows).isEqualTo(run.path("rows").path("extracted").asLong());
        await(Duration.ofSeconds(10), () -> !rows("#pages-chart .u-title").isEmpty());
        int pages = run.path("pages").asInt();
        assertThat(find("#pages-chart .u-title").getText())
                .isEqualTo("Rows committed over time (" + pages + (pages == 1 ? " page)" : " pages)"));
        HeadlessChromium.screenshot(browser, "run");

        showTables();
        await(Duration.ofSeconds(10), () -> "fresh".equals(find("tr[data-table='dashboard_data']").getAttribute("data-freshness")));
        assertThat(find("tr[data-table='dashboard_data'] .freshness").getText()).contains("fresh");
        assertThat(find("tr[data-table='dashboard_data'] td[data-count='extracted']").getText())
                .isEqualTo(String.format("%,d", run.path("rows").path("extracted").asLong()));
        await(Duration.ofSeconds(10), () -> text("tr[data-table='dashboard_data'] td[data-rows-in-table]")
                .equals(String.format("%,d", apiGet("/api/v1/etl/status/table/dashboard_data").path("rowsInTable").asLong())));
        assertThat(text("tr[data-table='dashboard_data'] td[data-rows-in-table]")).as("a full refresh into an empty table")
                .isEqualTo(String.format("%,d", run.path("rows").path("inserted").asLong()));
        HeadlessChromium.screenshot(browser, "tables");

    }

    @Test
    @Order(3)
    void aFailedRunsErrorIsShownAsTextEvenWithMarkupInItAndItsRetrySucceeds() {
        String error = "<script>window.pwned = true</script><b>BigQuery</b> said: invalidQuery at [3:14]";
        TestDatabase.execute(stack.destination().dataSource(), "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, "
                + "mode, trigger, status, started_at, finished_at, duration_ms, error_message) VALUES ('failed-run-1', "
                + "'etl-refresh-operation_data', 'operation_data', 'incremental', 'api', 'failed', now() - interval '1 hour', "
                + "now() - interval '59 minutes', 60000, '" + error + "')");

        browser.get(base + "/console/#/run/failed-run-1");
        await(Duration.ofSeconds(10), () -> !rows("#run-error").isEmpty());
        assertThat(find("#run-error").getText()).isEqualTo(error);
        assertThat(find("#run-error").findElements(By.cssSelector("*"))).as("no element made from the message").isEmpty();
        assertThat((Object) browser.executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(text("#run-status")).isEqualTo("failed");
        await(Duration.ofSeconds(10), () -> !rows("#history-missing").isEmpty());
        HeadlessChromium.screenshot(browser, "failed-run");

        click("#run-retry");
        String retryId = openStartedRun("Retry");
        await(RUN_TIMEOUT, () -> "succeeded".equals(find("#run-status").getText()));
        await(Duration.ofSeconds(10), () -> text("#run-chain").contains("retry of"));
        assertThat(find("#run-chain li[data-role='retry of'] a").getText()).isEqualTo("failed-run-1");
        assertThat(apiGet("/api/v1/etl/runs/" + retryId).path("retryOf").asText()).isEqualTo("failed-run-1");

        browser.get(base + "/console/#/runs?trigger=retry");
        await(Duration.ofSeconds(10), () -> rows("#runs-body tr[data-run-id]").size() == 1);
        assertThat(find("#runs-body tr[data-run-id]").getAttribute("data-run-id")).isEqualTo(retryId);
        browser.get(base + "/console/#/runs");
        await(Duration.ofSeconds(10), () -> rows("#runs-body tr[data-run-id]").size() == 3);
        assertThat(text("#runs-range")).isEqualTo("1–3 of 3");
        HeadlessChromium.screenshot(browser, "runs");
    }

    @Test
    @Order(4)
    void aRunningRefreshIsCancelledFromItsPage() throws Exception {
        // The table is locked, so the run's first page waits: it is running, and stays so until the lock goes.
        try (Connection lock = stack.destination().dataSource().getConnection(); Statement sql = lock.createStatement()) {
            lock.setAutoCommit(false);
            sql.execute("LOCK TABLE productivity_data IN ACCESS EXCLUSIVE MODE");
            showTables();
            new Select(find("#refresh-target")).selectByValue("productivity_data");
            new Select(find("#refresh-mode")).selectByValue("incremental");
            find("#refresh-start").click();
            String runId = openStartedRun("Refresh productivity_data");
            await(Duration.ofSeconds(20), () -> !rows("#run-cancel").isEmpty());
            showTables();
            await(Duration.ofSeconds(10), () -> text("tr[data-table='productivity_data'] td.progress").contains("loading"));
            assertThat(rows("tr[data-table='productivity_data'] td.progress progress")).as("a live progress bar").hasSize(1);
            HeadlessChromium.screenshot(browser, "tables-running");
            click("tr[data-table='productivity_data'] .refresh-table");
            await(Duration.ofSeconds(10), () -> text("#notice").startsWith("Refresh productivity_data failed: 409 already_running"));
            assertThat(find("#notice a.run-link").getAttribute("data-run-id")).as("the run in the way").isEqualTo(runId);
            click("tr[data-table='productivity_data'] td.progress a.run-link");
            await(Duration.ofSeconds(10), () -> runId.equals(text("#run-id")) && !rows("#run-cancel").isEmpty());
            HeadlessChromium.screenshot(browser, "running-run");
            click("#run-cancel");
            await(Duration.ofSeconds(10), () -> text("#notice").startsWith("Cancel: 202"));
            lock.rollback();
            await(RUN_TIMEOUT, () -> "cancelled".equals(find("#run-status").getText()));
            assertThat(apiGet("/api/v1/etl/runs/" + runId).path("status").asText()).isEqualTo("cancelled");
            assertThat(rows("#run-cancel")).isEmpty();
            assertThat(rows("#run-retry")).as("a cancelled run can be retried").hasSize(1);
        }
    }

    @Test
    @Order(5)
    void aScheduleCreatedAndPausedFromTheConsoleShowsAsPaused() {
        browser.get(base + "/console/#/schedules");
        await(Duration.ofSeconds(10), () -> text("#schedules-backend").contains("cron-workflow"));
        new Select(find("#schedule-edit-table")).selectByValue("assignment_data");
        find("#schedule-edit-cron").sendKeys("0 */6 * * *");
        find("#schedule-edit button[type='submit']").click();
        await(Duration.ofSeconds(10), () -> text("#notice").startsWith("Save schedule of assignment_data failed: 400 invalid_schedule"));
        find("#schedule-edit-cron").clear();
        find("#schedule-edit-interval").sendKeys("PT6H");
        find("#schedule-edit button[type='submit']").click();
        await(Duration.ofSeconds(10), () -> !rows("#schedules-body tr[data-table='assignment_data']").isEmpty());
        assertThat(text("#notice")).startsWith("Save schedule of assignment_data: 201");
        assertThat(text("#schedules-body tr[data-table='assignment_data'] .schedule-state")).isEqualTo("active");

        click("#schedules-body tr[data-table='assignment_data'] .schedule-pause");
        await(Duration.ofSeconds(10), () -> "true".equals(find("#schedules-body tr[data-table='assignment_data']")
                .getAttribute("data-paused")));
        assertThat(text("#schedules-body tr[data-table='assignment_data'] .schedule-state")).isEqualTo("paused");
        assertThat(apiGet("/api/v1/etl/schedules/assignment_data").path("paused").asBoolean()).isTrue();
        HeadlessChromium.screenshot(browser, "schedules");
    }

    @Test
    @Order(6)
    void aHeldRunIsOfferedARetryThatMayDelete() {
        TestDatabase.execute(stack.destination().dataSource(), "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, "
                + "mode, trigger, status, started_at, finished_at, duration_ms, rows_kept, error_message) VALUES ('held-run-1', "
                + "'etl-refresh-assignment_data', 'assignment_data', 'full_refresh', 'api', 'held', now() - interval '2 hours', "
                + "now() - interval '119 minutes', 60000, 40, 'the deletion guard held the run: 40 rows would have gone')");

        browser.get(base + "/console/#/run/held-run-1");
        await(Duration.ofSeconds(10), () -> "held".equals(text("#run-status")));
        assertThat(find("#run-counts td[data-count='kept']").getText()).isEqualTo("40");
        click("#run-retry-allow-deletion");
        String retryId = openStartedRun("Retry allowing deletions");
        await(RUN_TIMEOUT, () -> "succeeded".equals(find("#run-status").getText()));
        JsonNode retry = apiGet("/api/v1/etl/runs/" + retryId);
        assertThat(retry.path("overrides").path("allowDeletion").asText()).isEqualTo("all");
        assertThat(retry.path("retryOf").asText()).isEqualTo("held-run-1");
    }

    @Test
    @Order(7)
    void theChartsShowATablesLastRuns() {
        for (int i = 0; i < 3; i++) {
            String runId = apiPost("/api/v1/etl/refresh/table/dashboard_data").path("runId").asText();
            new WebDriverWait(browser, RUN_TIMEOUT).until(d -> "succeeded".equals(apiGet("/api/v1/etl/runs/" + runId)
                    .path("status").asText()));
        }
        browser.get(base + "/console/#/charts/dashboard_data?last=10");
        await(Duration.ofSeconds(10), () -> text("#charts-caption").contains("the last 4 finished runs"));
        await(Duration.ofSeconds(5), () -> !rows("#rows-chart canvas").isEmpty() && !rows("#duration-chart canvas").isEmpty());
        HeadlessChromium.screenshot(browser, "charts");
    }

    private static void enterKey() {
        find("#key-input").sendKeys(KEY);
        find("#key-form button[type='submit']").click();
        await(Duration.ofSeconds(5), () -> text("#key-state").equals("key set for this browser tab"));
    }

    private static void showTables() {
        browser.get(base + "/console/#/tables");
        await(Duration.ofSeconds(15), () -> rows("#tables-body tr").size() == 5);
    }

    /** Follows the link to the run the last action started, from the notice that shows the API's answer. */
    private static String openStartedRun(String action) {
        await(Duration.ofSeconds(10), () -> text("#notice").startsWith(action + ": 202")
                && !rows("#notice .started a.run-link").isEmpty());
        WebElement link = find("#notice .started a.run-link");
        String runId = link.getAttribute("data-run-id");
        link.click();
        await(Duration.ofSeconds(10), () -> runId.equals(text("#run-id")));
        return runId;
    }

    private static JsonNode apiGet(String path) {
        return api(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    private static JsonNode apiPost(String path) {
        return api(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()), 202);
    }

    private static JsonNode api(HttpRequest.Builder request, int expected) {
        String path = request.build().uri().getPath();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.header("Authorization", "Bearer " + KEY)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
            return Json.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    /** Clicks what the page shows now: a button a poll redrew between finding and clicking is found again. */
    private static void click(String css) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> {
                    driver.findElement(By.cssSelector(css)).click();
                    return true;
                });
    }

    private static WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private static List<WebElement> rows(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    private static String text(String css) {
        List<WebElement> found = rows(css);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Waits for what the page shows; elements redrawn by a poll meanwhile are simply looked up again. */
    private static void await(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(driver -> condition.getAsBoolean());
    }
}
