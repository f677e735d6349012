package io.pulso.api.config;

import io.pulso.core.catalog.TableDefinition;
import java.util.List;

/**
 * A table's extraction settings. The interval is given twice: ISO-8601 for people, seconds for scripts. The deletion
 * guard: a run may delete at most {@code maxDeletionShare} of its window's rows, or {@code deletionFloorRows}.
 */
public record TableConfigView(String name, String group, List<String> keyColumns, String incrementalColumn,
                              String windowColumn, int lookbackDays, int pageSize, String refreshInterval,
                              long refreshIntervalSeconds, boolean deleteVanished, long minExpectedRows,
                              String windowUnit, double maxDeletionShare, long deletionFloorRows) {

    static TableConfigView of(TableDefinition t) {
        return new TableConfigView(t.name(), t.group().orElse(null), t.keyColumns(), t.incrementalColumn(),
                t.windowColumn().orElse(null), t.lookbackDays(), t.pageSize(), t.refreshInterval().toString(),
                t.refreshInterval().toSeconds(), t.deleteVanished(), t.minExpectedRows(),
                t.windowUnit().name().toLowerCase(), t.deletionGuard().maxShare(), t.deletionGuard().floorRows());
    }
}
