package io.pulso.api.testing;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.schedule.FireOutcome;
import io.pulso.core.schedule.FiringStats;
import io.pulso.core.schedule.InvalidScheduleException;
import io.pulso.core.schedule.ScheduleNotFoundException;
import io.pulso.core.schedule.ScheduleSpec;
import io.pulso.core.schedule.ScheduleView;
import io.pulso.core.schedule.TableScheduler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schedules kept in memory, for the HTTP routes' tests (both real backends are tested in core and worker). Like the
 * cron-workflow backend it refuses cron; a trigger is recorded as a started firing.
 */
public final class InMemoryTableScheduler implements TableScheduler {

    private final TableCatalog catalog;
    private final Map<String, ScheduleSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, FiringStats> firings = new ConcurrentHashMap<>();
    public final List<String> triggered = new ArrayList<>();

    public InMemoryTableScheduler(TableCatalog catalog) {
        this.catalog = catalog;
    }

    public void clear() {
        specs.clear();
        firings.clear();
        triggered.clear();
    }

    @Override
    public String backend() {
        return CRON_WORKFLOW;
    }

    @Override
    public List<ScheduleView> list() {
        return catalog.names().stream().map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public Optional<ScheduleView> find(String table) {
        catalog.require(table);
        ScheduleSpec spec = specs.get(table);
        return spec == null ? Optional.empty() : Optional.of(new ScheduleView(table, backend(), "etl-cron-" + table, spec.interval(),
                spec.cron(), spec.timeZone(), spec.paused(), spec.paused() ? null : ApiTestFixture.NOW.plus(spec.interval()),
                firings.getOrDefault(table, FiringStats.NONE)));
    }

    @Override
    public boolean put(String table, ScheduleSpec spec) {
        catalog.require(table);
        if (spec.cron() != null) {
            throw new InvalidScheduleException("cron schedules need the Temporal Schedules API");
        }
        return specs.put(table, spec) == null;
    }

    @Override
    public void pause(String table) {
        specs.put(table, existing(table).withPaused(true));
    }

    @Override
    public void resume(String table) {
        specs.put(table, existing(table).withPaused(false));
    }

    @Override
    public void trigger(String table) {
        existing(table);
        triggered.add(table);
        FiringStats before = firings.getOrDefault(table, FiringStats.NONE);
        firings.put(table, new FiringStats(new FireOutcome(table, Instant.parse("2026-03-01T12:00:00Z"), FireOutcome.STARTED,
                "run-from-trigger", null), before.started() + 1, before.skipped(), before.failed()));
    }

    @Override
    public void delete(String table) {
        existing(table);
        specs.remove(table);
    }

    private ScheduleSpec existing(String table) {
        catalog.require(table);
        ScheduleSpec spec = specs.get(table);
        if (spec == null) {
            throw new ScheduleNotFoundException(table);
        }
        return spec;
    }
}
