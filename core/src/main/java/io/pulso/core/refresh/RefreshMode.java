package io.pulso.core.refresh;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How a refresh chooses its window and whether it moves the watermark. */
public enum RefreshMode {
    INCREMENTAL("incremental", "From the watermark minus the table's lookback days to the newest data; advances the watermark."),
    FULL_REFRESH("full_refresh", "The whole source history (what force=true asks for); rows gone from the source are deleted; advances the watermark."),
    SLIDING_WINDOW("sliding_window", "The last N days (days, default the table's lookback) up to the newest data; advances the watermark "
            + "only when the window reaches back to it (otherwise the days in between would be skipped)."),
    BACKFILL("backfill", "An explicit inclusive date range (from, to); re-loads it and leaves the watermark untouched.");

    private final String wireName;
    private final String description;

    RefreshMode(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    public boolean movesWatermark() {
        return this != BACKFILL;
    }

    @JsonCreator
    public static RefreshMode fromWireName(String name) {
        for (RefreshMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + name + "'; expected one of "
                + Arrays.stream(values()).map(RefreshMode::wireName).collect(Collectors.joining(", ")));
    }
}
