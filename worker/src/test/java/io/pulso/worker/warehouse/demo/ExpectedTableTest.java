package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The comparison helper itself: what counts as equal and how differences are reported. */
class ExpectedTableTest {

    private static final LocalDate DAY = LocalDate.of(2026, 10, 1);

    private static Map<String, Object> row(LocalDate day, String canal, Object total, Object rate, Object at) {
        Map<String, Object> row = new HashMap<>();
        row.put("fecha_foto", day);
        row.put("canal", canal);
        row.put("total", total);
        row.put("rate", rate);
        row.put("at", at);
        return row;
    }

    private static ExpectedTable expected() {
        Map<List<Object>, Map<String, Object>> rows = new HashMap<>();
        rows.put(RowValues.key(List.of(DAY, "BOT")), row(DAY, "BOT", 10L, 12.5, OffsetDateTime.parse("2026-10-01T10:00:00-05:00").toInstant()));
        rows.put(RowValues.key(List.of(DAY, "HUMANO")), row(DAY, "HUMANO", 4L, 0.0, null));
        return new ExpectedTable("t", List.of("fecha_foto", "canal"), List.of("fecha_foto", "canal", "total", "rate", "at"),
                Set.of(), rows, r -> !RowValues.date(r.get("fecha_foto")).isBefore(DAY));
    }

    @Test
    void equalRowsMatchWhateverTheBoxesAndOffsets() {
        List<Map<String, Object>> actual = List.of(
                row(DAY, "BOT", 10, 12.5 + 1e-9, OffsetDateTime.parse("2026-10-01T15:00:00Z")),
                row(DAY, "HUMANO", 4, 0.0, null),
                row(DAY.minusDays(1), "BOT", 99, 1.0, null)); // outside the window: ignored

        TableDiff diff = expected().diff(actual);

        assertThat(diff.matches()).as(diff.describe(10)).isTrue();
        assertThat(diff.actualRows()).isEqualTo(2);
    }

    @Test
    void differencesAreListedReadably() {
        List<Map<String, Object>> actual = List.of(
                row(DAY, "BOT", 11, 12.51, OffsetDateTime.parse("2026-10-01T15:00:00Z")),
                row(DAY, "IVR", 1, 0.0, null));

        TableDiff diff = expected().diff(actual);

        assertThat(diff.problems()).containsExactly(
                "row [2026-10-01, BOT] column total: expected 10 (Long) but was 11 (Integer)",
                "row [2026-10-01, BOT] column rate: expected 12.5 (Double) but was 12.51 (Double)",
                "missing row [2026-10-01, HUMANO]",
                "unexpected row [2026-10-01, IVR]");
        assertThat(diff.describe(1)).startsWith("t: expected 2 rows, got 2, 4 difference(s)\n  row [2026-10-01, BOT]")
                .endsWith("... and 3 more");
        assertThatThrownBy(diff::assertMatches).isInstanceOf(AssertionError.class).hasMessageContaining("missing row");
    }
}
