package io.pulso.api.config;

import io.pulso.core.refresh.RefreshMode;
import io.pulso.core.refresh.RefreshRequest;
import java.util.List;

/** A refresh mode, what it takes and how to ask for it. */
public record ExtractionModeView(String mode, String description, List<Parameter> parameters, boolean movesWatermark,
                                 String howToRequest) {

    public record Parameter(String name, String type, boolean required, String description) {
    }

    /** The parameters live here, not in core: they describe the HTTP options, which are this module's business. */
    static ExtractionModeView of(RefreshMode mode) {
        List<Parameter> parameters = switch (mode) {
            case INCREMENTAL, FULL_REFRESH -> List.of();
            case SLIDING_WINDOW -> List.of(new Parameter("days", "integer", false,
                    "days back from today (America/Lima), 1 to " + RefreshRequest.MAX_DAYS + "; default the table's lookback"));
            case BACKFILL -> List.of(
                    new Parameter("from", "date (YYYY-MM-DD)", true, "first day, inclusive"),
                    new Parameter("to", "date (YYYY-MM-DD)", true, "last day, inclusive; not before 'from'"));
        };
        String how = switch (mode) {
            case INCREMENTAL -> "the default: no options";
            case FULL_REFRESH -> "\"force\": true (or ?force=true), or \"mode\": \"full_refresh\"";
            case SLIDING_WINDOW -> "\"days\": N alone, or \"mode\": \"sliding_window\"";
            case BACKFILL -> "\"from\" and \"to\" alone, or \"mode\": \"backfill\" with both";
        };
        return new ExtractionModeView(mode.wireName(), mode.description(), parameters, mode.movesWatermark(), how);
    }
}
