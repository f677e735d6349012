package io.pulso.core.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the ETL knows about one destination table. This single definition drives the startup schema
 * check (the key columns must be the table's primary key), the upsert's conflict target and the extraction.
 *
 * @param name              destination table in PostgreSQL, also the name used in the API
 * @param group             refresh group ("dashboard" for the tables refreshed by {@code POST /refresh/dashboard})
 * @param keyColumns        primary key, in the order of the table's primary key
 * @param incrementalColumn result column whose maximum becomes the new watermark (a date)
 * @param windowColumn      destination column the window applies to, used to find rows that vanished at the
 *                          source; empty where the destination is not keyed by the window's date
 * @param lookbackDays      how far before the watermark an incremental run re-reads
 * @param pageSize          rows per page read from the extraction result
 * @param refreshInterval   how often the table should be refreshed by a schedule
 * @param deleteVanished    whether rows inside the window that the source no longer returns are deleted
 * @param minExpectedRows   below this many result rows no vanished row is deleted (the run is held if the window
 *                          had rows), so an empty or broken source never wipes data
 * @param windowUnit        whether the window column is a date or a YYYY-MM month
 * @param deletionGuard     how many of the window's rows a run may delete before it is held
 * @param uniqueKeys        the extraction SQL gives one row per key (it groups by the key): a result that repeats a
 *                          key fails naming it, instead of letting the last row read of an unordered result win
 */
public record TableDefinition(
        String name,
        Optional<String> group,
        List<String> keyColumns,
        String incrementalColumn,
        Optional<String> windowColumn,
        int lookbackDays,
        int pageSize,
        Duration refreshInterval,
        boolean deleteVanished,
        long minExpectedRows,
        WindowUnit windowUnit,
        DeletionGuard deletionGuard,
        boolean uniqueKeys) {

    /** The most rows a page may hold. */
    public static final int MAX_PAGE_SIZE = 100_000;

    public TableDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        keyColumns = List.copyOf(keyColumns);
        Objects.requireNonNull(incrementalColumn, "incrementalColumn");
        Objects.requireNonNull(windowColumn, "windowColumn");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(windowUnit, "windowUnit");
        Objects.requireNonNull(deletionGuard, "deletionGuard");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name must be a plain SQL identifier: " + name);
        }
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one key column is required");
        }
        if (lookbackDays < 0) {
            throw new IllegalArgumentException(name + ": lookbackDays must be >= 0");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(name + ": pageSize must be between 1 and 100000");
        }
        if (deleteVanished && windowColumn.isEmpty()) {
            throw new IllegalArgumentException(name + ": deleteVanished needs a windowColumn");
        }
    }

    /** A table whose window column is a date, under the standard deletion guard. */
    public TableDefinition(String name, Optional<String> group, List<String> keyColumns, String incrementalColumn,
                           Optional<String> windowColumn, int lookbackDays, int pageSize, Duration refreshInterval,
                           boolean deleteVanished, long minExpectedRows) {
        this(name, group, keyColumns, incrementalColumn, windowColumn, lookbackDays, pageSize, refreshInterval,
                deleteVanished, minExpectedRows, WindowUnit.DAY, DeletionGuard.STANDARD, false);
    }

    /** Classpath resource holding this table's extraction SQL for a dialect ("postgres", "bigquery"). */
    public String sqlResource(String dialect) {
        return "/io/pulso/core/catalog/sql/" + dialect + "/" + name + ".sql";
    }

    public TableDefinition withPageSize(int rowsPerPage) {
        return new TableDefinition(name, group, keyColumns, incrementalColumn, windowColumn, lookbackDays, rowsPerPage,
                refreshInterval, deleteVanished, minExpectedRows, windowUnit, deletionGuard, uniqueKeys);
    }

    public TableDefinition withDeletionGuard(DeletionGuard guard) {
        return new TableDefinition(name, group, keyColumns, incrementalColumn, windowColumn, lookbackDays, pageSize,
                refreshInterval, deleteVanished, minExpectedRows, windowUnit, guard, uniqueKeys);
    }

    /** This table's extraction gives one row per key (see {@code uniqueKeys}). */
    public TableDefinition withUniqueKeys() {
        return new TableDefinition(name, group, keyColumns, incrementalColumn, windowColumn, lookbackDays, pageSize,
                refreshInterval, deleteVanished, minExpectedRows, windowUnit, deletionGuard, true);
    }

    public boolean inGroup(String groupName) {
        return group.filter(groupName::equals).isPresent();
    }
}
