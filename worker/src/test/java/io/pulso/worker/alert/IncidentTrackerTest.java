package io.pulso.worker.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Incidents over the real control tables: a failing table is announced once, reminded after ALERT_REMINDER, and
 * closed by its next success with "recovered"; held and stale tables likewise; several checkers (processes) at once
 * send each event exactly once.
 */
class IncidentTrackerTest {

    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");
    private static final AlertLinks LINKS = new AlertLinks("https://pulso.example.com/", "http://temporal.example.com:8080", "pulso");
    private static HikariDataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("incidents");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        TestDatabase.execute(db, "TRUNCATE etl_alert_deliveries, etl_alert_incidents, etl_alert_test_requests, etl_alert_outbox, etl_execution_log, etl_watermarks");
    }

    private static IncidentTracker tracker() {
        return new IncidentTracker(TableCatalog.pulso(), new IncidentRepository(db), Duration.ofHours(6), LINKS);
    }

    /** A finished run, and the watermark row as the worker leaves it. */
    private static void run(String table, String runId, String status, Instant finishedAt, String error) {
        TestDatabase.execute(db, "INSERT INTO etl_execution_log (run_id, workflow_id, table_name, mode, trigger, status, "
                + "attempts, started_at, finished_at, error_message) VALUES ('" + runId + "', 'etl-refresh-" + table + "', '"
                + table + "', 'incremental', 'schedule', '" + status + "', 2, '" + finishedAt.minusSeconds(60) + "', '"
                + finishedAt + "', " + (error == null ? "NULL" : "'" + error + "'") + ")");
        TestDatabase.execute(db, "INSERT INTO etl_watermarks (table_name, last_run_id, last_status, last_finished_at, last_success_at) "
                + "VALUES ('" + table + "', '" + runId + "', '" + status + "', '" + finishedAt + "', "
                + (status.equals("succeeded") ? "'" + finishedAt + "'" : "NULL") + ") ON CONFLICT (table_name) DO UPDATE SET "
                + "last_run_id = EXCLUDED.last_run_id, last_status = EXCLUDED.last_status, "
                + "last_success_at = COALESCE(EXCLUDED.last_success_at, etl_watermarks.last_success_at)");
    }

    private static List<AlertEvent> events(List<PendingAlert> due) {
        return due.stream().map(PendingAlert::event).toList();
    }

    /** The outbox: every decided event is a pending row until its delivery is recorded, and it is recorded once. */
    @Test
    void eachDecidedEventIsQueuedWithItsIncidentChangeAndStaysPendingUntilRecorded() throws Exception {
        IncidentRepository repository = new IncidentRepository(db);
        run("operation_data", "run-1", "failed", T, "BigQuery: permission denied (accessDenied)");
        List<PendingAlert> queued = tracker().check(T.plusSeconds(60));
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).outboxId()).isNotNull();

        // As after a crash right after the check: nothing new is due, and the event is still pending, whole.
        assertThat(tracker().check(T.plusSeconds(61))).isEmpty();
        List<PendingAlert> pending = repository.pending();
        assertThat(pending).containsExactlyElementsOf(queued);
        assertThat(pending.get(0).event().message()).isEqualTo("BigQuery: permission denied (accessDenied)");
        assertThat(pending.get(0).event().occurredAt()).isEqualTo(T);

        List<DeliveryOutcome> outcomes = List.of(new DeliveryOutcome(0, true, 200, 1, null));
        repository.recordDeliveries(pending.get(0), outcomes, List.of("http://127.0.0.1:9"), T.plusSeconds(62));
        repository.recordDeliveries(pending.get(0), outcomes, List.of("http://127.0.0.1:9"), T.plusSeconds(63)); // a retry
        assertThat(repository.pending()).isEmpty();
        assertThat(count("SELECT count(*) FROM etl_alert_deliveries")).as("recorded once").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'delivered'")).isEqualTo(1);

        TestDatabase.execute(db, "INSERT INTO etl_alert_test_requests (requested_at) VALUES ('" + T + "')");
        List<PendingAlert> test = tracker().check(T.plusSeconds(70));
        repository.recordDeliveries(test.get(0), List.of(new DeliveryOutcome(0, false, 404, 0, "answered HTTP 404")),
                List.of("http://127.0.0.1:9"), T.plusSeconds(71));
        assertThat(count("SELECT count(*) FROM etl_alert_outbox WHERE state = 'failed' AND incident_id IS NULL"))
                .as("a test event nobody took").isEqualTo(1);
    }

    private static long count(String sql) {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailingTableIsAnnouncedOnceRemindedAfterTheIntervalAndRecoveredOnce() throws Exception {
        IncidentTracker tracker = tracker();
        run("operation_data", "run-1", "failed", T, "BigQuery: permission denied on dataset BI_USA (accessDenied)");

        List<PendingAlert> first = tracker.check(T.plusSeconds(60));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).sequence()).isEqualTo(1);
        AlertEvent failed = first.get(0).event();
        assertThat(failed.kind()).isEqualTo(AlertKind.FAILED);
        assertThat(failed.table()).isEqualTo("operation_data");
        assertThat(failed.runId()).isEqualTo("run-1");
        assertThat(failed.mode()).isEqualTo("incremental");
        assertThat(failed.trigger()).isEqualTo("schedule");
        assertThat(failed.reason()).isEqualTo("permission");
        assertThat(failed.message()).isEqualTo("BigQuery: permission denied on dataset BI_USA (accessDenied)");
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.occurredAt()).isEqualTo(T);
        assertThat(failed.runUrl()).isEqualTo("https://pulso.example.com/api/v1/etl/runs/run-1");
        assertThat(failed.temporalUrl()).isEqualTo("http://temporal.example.com:8080/namespaces/pulso/workflows/etl-refresh-operation_data/run-1");

        assertThat(tracker.check(T.plusSeconds(120))).as("the same failure, looked at again").isEmpty();
        run("operation_data", "run-2", "failed", T.plus(Duration.ofHours(2)), "timed out");
        assertThat(tracker().check(T.plus(Duration.ofHours(2)).plusSeconds(60))).as("a second failure, after a restart").isEmpty();

        List<PendingAlert> reminder = tracker.check(T.plus(Duration.ofHours(6)).plusSeconds(60));
        assertThat(reminder).hasSize(1);
        assertThat(reminder.get(0).sequence()).isEqualTo(2);
        assertThat(reminder.get(0).event().runId()).as("the reminder is about the latest failure").isEqualTo("run-2");
        assertThat(reminder.get(0).event().reason()).isEqualTo("timeout");
        assertThat(tracker.check(T.plus(Duration.ofHours(7)))).isEmpty();

        run("operation_data", "run-3", "succeeded", T.plus(Duration.ofHours(8)), null);
        List<AlertEvent> recovered = events(tracker.check(T.plus(Duration.ofHours(8)).plusSeconds(60)));
        assertThat(recovered).extracting(AlertEvent::kind, AlertEvent::table, AlertEvent::runId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.RECOVERED, "operation_data", "run-3"));
        assertThat(tracker.check(T.plus(Duration.ofHours(9)))).isEmpty();
        assertThat(new IncidentRepository(db).open()).isEmpty();
    }

    @Test
    void aHeldRunIsAnIncidentOfItsOwnKind() throws Exception {
        run("dashboard_data", "run-h", "held", T, "held: the run would delete 420 of 1000 rows in the window (42 %)");

        List<AlertEvent> due = events(tracker().check(T.plusSeconds(30)));

        assertThat(due).hasSize(1);
        assertThat(due.get(0).kind()).isEqualTo(AlertKind.HELD);
        assertThat(due.get(0).reason()).isEqualTo("held");
        assertThat(due.get(0).summary()).isEqualTo("Pulso: refresh of dashboard_data was held by the deletion guard");
    }

    @Test
    void aTableWithoutASuccessForTwiceItsIntervalIsStaleUntilItsNextSuccess() throws Exception {
        // operation_data refreshes every 2 h: stale after 4 h.
        run("operation_data", "run-ok", "succeeded", T, null);
        assertThat(tracker().check(T.plus(Duration.ofHours(4)))).isEmpty();

        List<AlertEvent> stale = events(tracker().check(T.plus(Duration.ofHours(4)).plusSeconds(1)));
        assertThat(stale).hasSize(1);
        assertThat(stale.get(0).kind()).isEqualTo(AlertKind.STALE);
        assertThat(stale.get(0).runId()).isNull();
        assertThat(stale.get(0).lastSuccessAt()).isEqualTo(T);
        assertThat(stale.get(0).summary()).isEqualTo("Pulso: operation_data is stale (last successful refresh 2026-12-02T08:00:00Z)");

        run("operation_data", "run-next", "succeeded", T.plus(Duration.ofHours(5)), null);
        assertThat(events(tracker().check(T.plus(Duration.ofHours(5)).plusSeconds(1)))).extracting(AlertEvent::kind)
                .containsExactly(AlertKind.RECOVERED);
    }

    @Test
    void aTestRequestOfTheApiIsClaimedOnceAndSentAsATestEvent() throws Exception {
        TestDatabase.execute(db, "INSERT INTO etl_alert_test_requests (requested_at) VALUES ('" + T + "')");

        List<AlertEvent> due = events(tracker().check(T.plusSeconds(30)));

        assertThat(due).extracting(AlertEvent::kind, AlertEvent::summary, AlertEvent::occurredAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.TEST, "Pulso: test notification", T));
        assertThat(tracker().check(T.plusSeconds(60))).as("claimed once").isEmpty();
    }

    @Test
    void tablesThatNeverRanOrAreFineSendNothing() throws Exception {
        run("evolution_data", "run-e", "succeeded", T, null);

        assertThat(tracker().check(T.plusSeconds(60))).isEmpty();
    }

    @Test
    void checkersRunningAtOnceSendEachEventExactlyOnce() throws Exception {
        run("operation_data", "run-1", "failed", T, "database connection lost");
        run("productivity_data", "run-p", "held", T, "held: too many deletions");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<PendingAlert>>> checkers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                checkers.add(() -> tracker().check(T.plusSeconds(60)));
            }
            List<AlertEvent> sent = new ArrayList<>();
            for (Future<List<PendingAlert>> result : pool.invokeAll(checkers)) {
                sent.addAll(events(result.get()));
            }
            assertThat(sent).extracting(AlertEvent::table).containsExactlyInAnyOrder("operation_data", "productivity_data");

            run("operation_data", "run-2", "succeeded", T.plus(Duration.ofMinutes(30)), null);
            List<Callable<List<PendingAlert>>> again = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                again.add(() -> tracker().check(T.plus(Duration.ofMinutes(31))));
            }
            List<AlertEvent> recovered = new ArrayList<>();
            for (Future<List<PendingAlert>> result : pool.invokeAll(again)) {
                recovered.addAll(events(result.get()));
            }
            assertThat(recovered).extracting(AlertEvent::kind, AlertEvent::table)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.RECOVERED, "operation_data"));
        } finally {
            pool.shutdownNow();
        }
    }
}
