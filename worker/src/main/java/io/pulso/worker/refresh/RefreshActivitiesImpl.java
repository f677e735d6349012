package io.pulso.worker.refresh;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.refresh.GuardOverrides;
import io.pulso.core.refresh.RefreshRequest;
import io.pulso.core.refresh.RefreshResult;
import io.pulso.core.refresh.RowCounts;
import io.pulso.core.refresh.RunStatus;
import io.pulso.core.runlog.ExecutionLogRepository;
import io.pulso.core.runlog.RunRecord;
import io.pulso.core.runlog.WatermarkRecord;
import io.pulso.core.runlog.WatermarkRepository;
import io.pulso.core.db.Database;
import io.pulso.core.db.DatabaseTimeouts;
import io.pulso.worker.load.PageDataException;
import io.pulso.worker.load.PageLoader;
import io.pulso.worker.load.RunFencedException;
import io.pulso.worker.warehouse.ExtractionHandle;
import io.pulso.worker.warehouse.ExtractionWindow;
import io.pulso.worker.warehouse.Warehouse;
import io.pulso.worker.warehouse.WarehouseException;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The refresh activities against the destination database and a warehouse. */
public final class RefreshActivitiesImpl implements RefreshActivities {

    /** Business dates (sliding windows) are Lima dates, as in the dashboard. */
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("America/Lima");
    private static final Logger log = LoggerFactory.getLogger(RefreshActivitiesImpl.class);

    private final TableCatalog catalog;
    private final Map<String, TableSchema> schemas;
    private final Warehouse warehouse;
    private final DataSource dataSource;
    private final PageLoader loader;
    private final ExecutionLogRepository runs;
    private final WatermarkRepository watermarks;
    private final Clock clock;
    private final LoadBudget budget;
    private final RefreshMetrics metrics;
    private final DatabaseTimeouts timeouts;
    private final RunKeyDigests keyDigests = new RunKeyDigests();

    /** How much one LoadPages activity does before handing back to the workflow (keeps progress visible). */
    public record LoadBudget(int maxPages, Duration maxTime) {
        public static LoadBudget standard() {
            return new LoadBudget(50, Duration.ofSeconds(60));
        }
    }

    public RefreshActivitiesImpl(TableCatalog catalog, Map<String, TableSchema> schemas, Warehouse warehouse,
                                 DataSource dataSource, Clock clock, LoadBudget budget) {
        this(catalog, schemas, warehouse, dataSource, clock, budget, RefreshMetrics.NONE);
    }

    public RefreshActivitiesImpl(TableCatalog catalog, Map<String, TableSchema> schemas, Warehouse warehouse,
                                 DataSource dataSource, Clock clock, LoadBudget budget, RefreshMetrics metrics) {
        this(catalog, schemas, warehouse, dataSource, clock, budget, metrics, DatabaseTimeouts.WORKER);
    }

    /** @param timeouts the limits {@code dataSource} was opened with, named in the failure of a statement that hit one */
    public RefreshActivitiesImpl(TableCatalog catalog, Map<String, TableSchema> schemas, Warehouse warehouse,
                                 DataSource dataSource, Clock clock, LoadBudget budget, RefreshMetrics metrics,
                                 DatabaseTimeouts timeouts) {
        this.timeouts = timeouts;
        this.metrics = metrics;
        this.catalog = catalog;
        this.schemas = Map.copyOf(schemas);
        this.warehouse = warehouse;
        this.dataSource = dataSource;
        this.loader = new PageLoader(dataSource);
        this.runs = new ExecutionLogRepository(dataSource);
        this.watermarks = new WatermarkRepository(dataSource);
        this.clock = clock;
        this.budget = budget;
    }

    @Override
    public RunPlan begin(RefreshRequest request, String runId, String workflowId) {
        TableDefinition table = table(request.table());
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockWatermark(c, table.name());
                Optional<RunRecord> existing = runs.find(c, runId);
                if (existing.isPresent()) {
                    c.commit();
                    return planOf(existing.get());
                }
                WatermarkRecord current = watermarks.find(c, table.name(), true).orElseThrow();
                ExtractionWindow window = WindowPlanner.plan(table, request, current.watermark(), LocalDate.now(clock.withZone(BUSINESS_ZONE)));
                RunRecord record = new RunRecord(runId, workflowId, table.name(), request.mode(), request.trigger(), RunStatus.RUNNING,
                        window.from(), window.to(), current.watermark(), null, RowCounts.ZERO, 0, attempt(), now, null, null,
                        null, null, request.retryOf(), request.guardOverrides());
                runs.insertRunning(c, record);
                watermarks.markRunning(c, table.name(), runId, now);
                c.commit();
                log.info("run {} of {} begins: mode {}, window {} .. {}, watermark {}", runId, table.name(),
                        request.mode().wireName(), open(window.from()), open(window.to()), current.watermark());
                return planOf(record);
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw ActivityErrors.fromSql("cannot begin the run of " + table.name(), e, timeouts);
        }
    }

    @Override
    public ExtractionHandle extract(RunPlan plan) {
        TableSchema schema = schema(plan.table());
        runs.recordAttempt(plan.runId(), attempt());
        ExtractionHandle handle;
        try {
            ActivityExecutionContext context = Activity.getExecutionContext();
            handle = warehouse.runExtraction(schema.definition(), new ExtractionWindow(plan.windowFrom(), plan.windowTo()),
                    plan.runId(), context::heartbeat);
        } catch (WarehouseException e) {
            throw ActivityErrors.fromWarehouse(e);
        }
        List<String> missing = schema.dataColumnNames().stream().filter(c -> !handle.columns().contains(c)).toList();
        if (!missing.isEmpty() || !handle.columns().contains(schema.definition().incrementalColumn())) {
            throw ActivityErrors.nonRetryable("InvalidData", plan.table() + ": the extraction result lacks column(s) "
                    + (missing.isEmpty() ? schema.definition().incrementalColumn() : String.join(", ", missing))
                    + "; result columns: " + String.join(", ", handle.columns()));
        }
        log.info("run {} of {} extracted {} rows into {} (max {} = {})", plan.runId(), plan.table(), handle.totalRows(),
                handle.resultId(), schema.definition().incrementalColumn(), handle.maxIncremental());
        return handle;
    }

    @Override
    public LoadBatch loadPages(RunPlan plan, ExtractionHandle handle, PageCursor cursor) {
        TableSchema schema = schema(plan.table());
        TableDefinition table = schema.definition();
        ActivityExecutionContext context = Activity.getExecutionContext();
        if (context.getInfo().getAttempt() > 1) {
            runs.recordAttempt(plan.runId(), context.getInfo().getAttempt());
        }
        Instant deadline = clock.instant().plus(budget.maxTime());
        try (PageLoop loop = new PageLoop(loader, warehouse, handle, schema, table.pageSize(), plan.runId(),
                table.deleteVanished(), keyDigests)) {
            try {
                // Each committed page moves the heartbeat's cursor past it; a cancel requested meanwhile surfaces
                // from heartbeat (ActivityCanceledException), so the activity stops between pages, never inside one.
                return loop.run(cursor, budget.maxPages(), () -> clock.instant().isBefore(deadline),
                        (outcome, next) -> context.heartbeat(next));
            } catch (WarehouseException e) {
                throw ActivityErrors.fromWarehouse(e);
            } catch (PageDataException e) {
                throw ActivityErrors.fromPageData(e);
            } catch (RunFencedException e) {
                throw ActivityErrors.nonRetryable("FencedOut", e.getMessage());
            } catch (SQLException e) {
                throw ActivityErrors.fromSql(plan.table() + ": page " + loop.position().pageIndex() + " not loaded", e, timeouts);
            }
        }
    }

    @Override
    public RefreshResult finish(RunPlan plan, ExtractionHandle handle, RowCounts counts, int pages) {
        TableSchema schema = schema(plan.table());
        TableDefinition table = schema.definition();
        if (counts.extracted() != handle.totalRows()) {
            throw ActivityErrors.nonRetryable("ResultChanged", plan.table() + ": pages held " + counts.extracted()
                    + " rows but the extraction result has " + handle.totalRows() + "; nothing was finalised");
        }
        Instant now = clock.instant();
        RefreshResult result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                WatermarkRecord mark = watermarks.find(c, table.name(), true).orElseThrow();
                RunRecord run = runs.find(c, plan.runId()).orElseThrow(() -> ActivityErrors.nonRetryable("MissingRun",
                        "run " + plan.runId() + " has no execution-log row"));
                if (run.status() != RunStatus.RUNNING) {
                    // An earlier attempt of this activity committed and then lost its answer.
                    c.commit();
                    keyDigests.forget(plan.runId());
                    return resultOf(run);
                }
                if (!plan.runId().equals(mark.lastRunId()) || mark.lastStatus() != RunStatus.RUNNING) {
                    throw new RunFencedException(table.name(), plan.runId(), mark.lastRunId(),
                            mark.lastStatus() == null ? null : mark.lastStatus().wireName());
                }
                // A key on two pages: ruled out in memory when this worker loaded every page, else by the exact query.
                if (table.deleteVanished() && table.uniqueKeys() && !keyDigests.provesNoKeyOnTwoPages(plan.runId(), pages)) {
                    Optional<String> repeated = PageLoader.repeatedKey(c, plan.runId());
                    if (repeated.isPresent()) {
                        throw ActivityErrors.nonRetryable("InvalidData", table.name() + ": the extraction result has the "
                                + "key " + repeated.get() + " on more than one page, though its SQL promises one row per "
                                + "key; nothing was deleted and the watermark did not move; fix the SQL (group by the key)");
                    }
                }
                GuardOverrides overrides = plan.guardOverrides();
                DeletionVerdict deletion = table.deleteVanished()
                        ? deleteVanished(c, schema, plan, overrides, handle.totalRows(), counts) : null;
                RowCounts total = deletion == null ? counts
                        : deletion.permitted() ? counts.withDeleted(deletion.vanished()) : counts.withKept(deletion.vanished());
                if (deletion != null && !deletion.permitted()) {
                    String message = deletion.heldMessage(table.name(), plan.runId(), window(plan), handle.totalRows());
                    runs.close(c, plan.runId(), RunStatus.HELD, plan.watermarkBefore(), total, pages, now, message, null);
                    watermarks.recordFinish(c, table.name(), plan.runId(), RunStatus.HELD, null, total, now, message);
                } else {
                    WatermarkRule.Outcome next = WatermarkRule.next(plan.mode(), plan.windowFrom(), plan.watermarkBefore(),
                            handle.maxIncremental(), overrides.rewindWatermark());
                    LocalDate watermarkAfter = next.watermark() != null ? next.watermark() : plan.watermarkBefore();
                    runs.close(c, plan.runId(), RunStatus.SUCCEEDED, watermarkAfter, total, pages, now, null, next.note());
                    watermarks.recordFinish(c, table.name(), plan.runId(), RunStatus.SUCCEEDED, next.watermark(), total, now,
                            null);
                }
                PageLoader.forgetKeys(c, plan.runId());
                c.commit();
                keyDigests.forget(plan.runId());
                result = resultOf(runs.find(c, plan.runId()).orElseThrow());
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw ActivityErrors.fromSql("cannot finish the run of " + table.name(), e, timeouts);
        } catch (RunFencedException e) {
            throw ActivityErrors.nonRetryable("FencedOut", e.getMessage());
        }
        releaseQuietly(handle);
        Duration duration = Duration.ofMillis(result.durationMs());
        if (result.status() == RunStatus.HELD) {
            metrics.runHeld(table.name(), result.counts(), pages, duration);
            log.warn("run {} of {} {}", plan.runId(), table.name(), result.error());
        } else {
            metrics.runSucceeded(table.name(), result.counts(), pages, duration, now);
            log.info("run {} of {} succeeded: {} pages, {}", plan.runId(), table.name(), pages, result.counts());
        }
        return result;
    }

    /**
     * Deletes the window's rows that the result no longer has, inside a savepoint of the finish transaction, and
     * undoes the deletion when the guard refuses it: one pass of the anti-join measures and deletes at once, and a
     * refused deletion is never visible to anyone.
     */
    private DeletionVerdict deleteVanished(Connection c, TableSchema schema, RunPlan plan, GuardOverrides overrides,
                                           long resultRows, RowCounts loaded) throws SQLException {
        long windowRows = loader.countWindow(c, schema, plan.windowFrom(), plan.windowTo());
        // Every key the run loaded is in the table and (its SQL filters by the window) in the window; with unique keys,
        // proven above, they are extracted - duplicates distinct rows. A window holding exactly that many rows has no
        // other row, so nothing vanished: the anti-join is skipped. (Should a result ever hold a key outside its
        // window, this could only keep a vanished row, never delete one.)
        if (schema.definition().uniqueKeys() && windowRows == loaded.extracted() - loaded.duplicates()) {
            return DeletionVerdict.judge(schema.definition(), overrides, resultRows, windowRows, 0);
        }
        Savepoint beforeDelete = c.setSavepoint();
        long vanished = loader.deleteVanished(c, schema, plan.runId(), plan.windowFrom(), plan.windowTo());
        DeletionVerdict verdict = DeletionVerdict.judge(schema.definition(), overrides, resultRows, windowRows, vanished);
        if (verdict.permitted()) {
            c.releaseSavepoint(beforeDelete);
        } else {
            c.rollback(beforeDelete);
        }
        return verdict;
    }

    private static String window(RunPlan plan) {
        return plan.windowFrom() == null && plan.windowTo() == null ? "(the whole table)"
                : open(plan.windowFrom()) + " .. " + open(plan.windowTo());
    }

    @Override
    public RefreshResult fail(RefreshRequest request, String runId, String workflowId, RunPlan plan, ExtractionHandle handle,
                              String error, RowCounts counts, int pages) {
        return closeUnfinished(RunStatus.FAILED, request, runId, workflowId, plan, handle, error);
    }

    @Override
    public RefreshResult cancel(RefreshRequest request, String runId, String workflowId, RunPlan plan, ExtractionHandle handle,
                                String reason, RowCounts counts, int pages) {
        return closeUnfinished(RunStatus.CANCELLED, request, runId, workflowId, plan, handle, reason);
    }

    /**
     * Closes a run that did not succeed (failed or cancelled): log row, watermark status, keys, result; never the
     * watermark. Pages and counts come from the ledger, not from the workflow's tally (the {@code counts} and
     * {@code pages} of fail and cancel): a batch cut short by a cancel or a failure has committed pages the workflow
     * never heard of. A cancel's reason gets "after N committed page(s)" appended.
     */
    private RefreshResult closeUnfinished(RunStatus status, RefreshRequest request, String runId, String workflowId,
                                          RunPlan plan, ExtractionHandle handle, String error) {
        Instant now = clock.instant();
        RefreshResult result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockWatermark(c, request.table());
                Optional<RunRecord> run = runs.find(c, runId);
                if (run.isPresent() && run.get().status() != RunStatus.RUNNING) {
                    c.commit();
                    return resultOf(run.get());
                }
                if (run.isEmpty()) {
                    // The run failed before its log row was written (BeginRun itself failed): write it now, so every run has one.
                    LocalDate watermark = watermarks.find(c, request.table(), false).map(WatermarkRecord::watermark).orElse(null);
                    runs.insertRunning(c, new RunRecord(runId, workflowId, request.table(), request.mode(), request.trigger(),
                            RunStatus.RUNNING, null, null, watermark, null, RowCounts.ZERO, 0, 1, now, null, null, null, null,
                            request.retryOf()));
                    watermarks.markRunning(c, request.table(), runId, now);
                }
                LocalDate watermarkBefore = plan != null ? plan.watermarkBefore() : run.map(RunRecord::watermarkBefore).orElse(null);
                PageLoader.CommittedPages committed = PageLoader.committedPages(c, runId);
                // A workflow started by an older worker already wrote its own count into the reason.
                String message = status == RunStatus.CANCELLED && !error.contains("committed page(s)")
                        ? error + " after " + committed.pages() + " committed page(s)" : error;
                runs.close(c, runId, status, watermarkBefore, committed.counts(), committed.pages(), now, message, null);
                watermarks.recordFinish(c, request.table(), runId, status, null, committed.counts(), now, message);
                PageLoader.forgetKeys(c, runId);
                c.commit();
                keyDigests.forget(runId);
                result = resultOf(runs.find(c, runId).orElseThrow());
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw ActivityErrors.fromSql("cannot record the failure of run " + runId, e, timeouts);
        }
        if (handle != null) {
            releaseQuietly(handle);
        }
        Duration duration = Duration.ofMillis(result.durationMs());
        if (status == RunStatus.CANCELLED) {
            metrics.runCancelled(request.table(), result.counts(), result.pages(), duration);
        } else {
            metrics.runFailed(request.table(), error, result.counts(), result.pages(), duration);
        }
        log.warn("run {} of {} {}: {}", runId, request.table(), status.wireName(), result.error());
        return result;
    }

    private void releaseQuietly(ExtractionHandle handle) {
        try {
            warehouse.release(handle);
        } catch (RuntimeException e) {
            log.warn("could not release extraction result {}: {}", handle.resultId(), e.getMessage());
        }
    }

    /** Creates the table's watermark row if needed and locks it: begin/finish/fail of one table serialise here. */
    private void lockWatermark(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO etl_watermarks (table_name) VALUES (?) ON CONFLICT (table_name) DO NOTHING")) {
            ps.setString(1, table);
            ps.executeUpdate();
        }
        watermarks.find(c, table, true);
    }

    private TableDefinition table(String name) {
        return catalog.find(name).orElseThrow(() -> ActivityErrors.nonRetryable("UnknownTable",
                "table '" + name + "' is not in the catalog; known: " + String.join(", ", catalog.names())));
    }

    private TableSchema schema(String name) {
        TableSchema schema = schemas.get(name);
        if (schema == null) {
            throw ActivityErrors.nonRetryable("UnknownTable", "table '" + name + "' has no verified schema on this worker");
        }
        return schema;
    }

    private static int attempt() {
        return Activity.getExecutionContext().getInfo().getAttempt();
    }

    private static RunPlan planOf(RunRecord r) {
        return new RunPlan(r.runId(), r.workflowId(), r.table(), r.mode(), r.trigger(), r.windowFrom(), r.windowTo(),
                r.watermarkBefore(), r.startedAt(), r.overrides());
    }

    static RefreshResult resultOf(RunRecord r) {
        return new RefreshResult(r.runId(), r.table(), r.status(), r.mode(), r.windowFrom(), r.windowTo(), r.watermarkBefore(),
                r.watermarkAfter(), r.counts(), r.pages(), r.durationMs() == null ? 0 : r.durationMs(), r.errorMessage(), r.notes());
    }

    private static String open(LocalDate date) {
        return date == null ? "(open)" : date.toString();
    }
}
