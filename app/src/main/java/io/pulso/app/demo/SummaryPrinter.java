package io.pulso.app.demo;

import java.io.PrintStream;
import java.util.List;

/** Prints the per-table summary of `pulso demo` as an aligned table. */
public final class SummaryPrinter {

    private static final String FORMAT = "%-18s %-10s %9s %9s %8s %9s %8s %5s  %-23s %-10s %8s%n";

    private SummaryPrinter() {
    }

    public static void print(PrintStream out, List<TableSummary> summaries) {
        out.printf(FORMAT, "table", "status", "extracted", "inserted", "updated", "unchanged", "deleted", "pages",
                "window", "watermark", "seconds");
        for (TableSummary s : summaries) {
            String window = (s.windowFrom() == null ? "(all)" : s.windowFrom()) + " .. " + (s.windowTo() == null ? "(newest)" : s.windowTo());
            out.printf(FORMAT, s.table(), s.status(), s.extracted(), s.inserted(), s.updated(), s.unchanged(), s.deleted(),
                    s.pages(), window, s.watermark() == null ? "-" : s.watermark(), String.format("%.2f", s.durationMs() / 1000.0));
        }
        summaries.stream().filter(s -> !s.succeeded())
                .forEach(s -> out.println("  " + s.table() + " failed: " + s.error()));
    }
}
