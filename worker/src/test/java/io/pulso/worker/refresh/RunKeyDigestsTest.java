package io.pulso.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunKeyDigestsTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    /** Keys of a dashboard-shaped page: day, archivo, cartera (non-ASCII included), rows {@code from} to {@code to - 1}. */
    private static Set<List<Object>> keys(int from, int to) {
        Set<List<Object>> keys = new HashSet<>();
        for (int i = from; i < to; i++) {
            keys.add(List.of(DAY.plusDays(i / 320), "archivo-" + (i % 320) / 8, "cartera ñ" + i % 8));
        }
        return keys;
    }

    @Test
    void everyPageRecordedWithDistinctKeysProvesNoKeyOnTwoPages() {
        RunKeyDigests digests = new RunKeyDigests();
        for (int page = 0; page < 100; page++) {
            digests.record("run", page, keys(page * 1000, page * 1000 + 1000));
        }

        assertThat(digests.provesNoKeyOnTwoPages("run", 100)).isTrue();
    }

    @Test
    void aKeyOnTwoPagesIsNotProvenAbsent() {
        RunKeyDigests digests = new RunKeyDigests();
        digests.record("run", 0, keys(0, 1000));
        digests.record("run", 1, keys(999, 2000));

        assertThat(digests.provesNoKeyOnTwoPages("run", 2)).isFalse();
    }

    @Test
    void aPageThisWorkerDidNotLoadLeavesTheProofToTheDatabase() {
        RunKeyDigests digests = new RunKeyDigests();
        digests.record("run", 0, keys(0, 1000));
        digests.record("run", 2, keys(2000, 3000));

        assertThat(digests.provesNoKeyOnTwoPages("run", 3)).as("page 1 found committed or loaded elsewhere").isFalse();
        assertThat(digests.provesNoKeyOnTwoPages("run", 2)).as("pages 0 and 2 are not pages 0 and 1").isFalse();
        assertThat(digests.provesNoKeyOnTwoPages("other", 0)).as("nothing recorded for the run").isFalse();
    }

    @Test
    void digestsDroppedForMemoryOrForgottenProveNothing() {
        RunKeyDigests digests = new RunKeyDigests(2500);
        digests.record("old", 0, keys(0, 1000));
        digests.record("new", 0, keys(0, 1000));
        digests.record("new", 1, keys(1000, 2000));

        assertThat(digests.provesNoKeyOnTwoPages("old", 1)).as("the least recently used run was dropped").isFalse();
        assertThat(digests.provesNoKeyOnTwoPages("new", 2)).isTrue();

        digests.forget("new");
        assertThat(digests.provesNoKeyOnTwoPages("new", 2)).isFalse();
    }

    @Test
    void equalKeysHaveEqualDigestsAndValuesDoNotRunTogether() {
        assertThat(RunKeyDigests.digest(List.of(DAY, "A", "ñ"))).isEqualTo(RunKeyDigests.digest(List.of(DAY, "A", "ñ")));
        assertThat(RunKeyDigests.digest(List.of("ab", "c"))).isNotEqualTo(RunKeyDigests.digest(List.of("a", "bc")));
    }
}
