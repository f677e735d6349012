package io.pulso.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The figures of one run, and the ratios the targets are stated in. */
final class Results {

    private final List<CaseResult> all = new ArrayList<>();

    void addAll(List<CaseResult> results) {
        all.addAll(results);
    }

    List<CaseResult> all() {
        return List.copyOf(all);
    }

    TreeSet<Long> sizes() {
        TreeSet<Long> sizes = new TreeSet<>();
        all.forEach(r -> sizes.add(r.rows()));
        return sizes;
    }

    Optional<CaseResult> find(Method method, long rows, LoadCase c) {
        return all.stream().filter(r -> r.method() == method && r.rows() == rows && r.loadCase() == c).findFirst();
    }

    /** rows/s of {@code method} over rows/s of {@code base}, same size and case. */
    Optional<Double> ratio(Method method, Method base, long rows, LoadCase c) {
        Optional<CaseResult> m = find(method, rows, c);
        Optional<CaseResult> b = find(base, rows, c);
        return m.isPresent() && b.isPresent() ? Optional.of(m.get().rowsPerSecond() / b.get().rowsPerSecond()) : Optional.empty();
    }
}
