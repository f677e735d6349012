package io.pulso.core.schedule;

import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every catalog table without a schedule one at its refresh interval. Existing schedules are left as they are,
 * so changes made through the API or the Temporal UI survive a restart on a real server.
 */
public final class DefaultSchedules {

    private static final Logger log = LoggerFactory.getLogger(DefaultSchedules.class);

    private DefaultSchedules() {
    }

    /** Returns the tables whose schedule was created. */
    public static List<String> ensure(TableScheduler scheduler, TableCatalog catalog) {
        List<String> created = new ArrayList<>();
        for (TableDefinition table : catalog.all()) {
            if (scheduler.find(table.name()).isEmpty()) {
                scheduler.put(table.name(), ScheduleSpec.every(table.refreshInterval()));
                created.add(table.name());
            }
        }
        log.info("schedules ({}): created {} default schedule(s) {}", scheduler.backend(), created.size(), created);
        return created;
    }
}
