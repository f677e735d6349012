package io.pulso.worker.warehouse;

import io.pulso.core.catalog.TableDefinition;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A warehouse for workflow tests: rows per table held in memory, filtered by the window on the incremental
 * column, paged by offset tokens, with faults that can be planted on chosen pages. It records every call, so
 * tests can assert which windows were asked for and which pages were read (and how often).
 */
public final class InMemoryWarehouse implements Warehouse {

    /** A fault planted on a page read: thrown {@code times} times, then the page reads normally. */
    public record Fault(int pageIndex, WarehouseException error, AtomicInteger times) {
    }

    private final Map<String, List<String>> columns = new ConcurrentHashMap<>();
    private final Map<String, List<Object[]>> rows = new ConcurrentHashMap<>();
    private final Map<String, Snapshot> results = new ConcurrentHashMap<>();
    private final List<ExtractionWindow> windows = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> pageReads = new ConcurrentHashMap<>();
    private final List<Fault> pageFaults = new CopyOnWriteArrayList<>();
    private volatile WarehouseException extractionFault;
    private final AtomicInteger extractions = new AtomicInteger();

    private record Snapshot(String table, List<String> columns, List<Object[]> rows) {
    }

    public void put(String table, List<String> tableColumns, List<Object[]> tableRows) {
        columns.put(table, List.copyOf(tableColumns));
        rows.put(table, new ArrayList<>(tableRows));
    }

    public List<Object[]> rows(String table) {
        return rows.get(table);
    }

    /** A page read that waits until the test opens it, so a test can act while a run is mid-table. */
    public static final class PageGate {
        private final int pageIndex;
        private final java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.CountDownLatch opened = new java.util.concurrent.CountDownLatch(1);

        private PageGate(int pageIndex) {
            this.pageIndex = pageIndex;
        }

        public void awaitReached() throws InterruptedException {
            if (!reached.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("page " + pageIndex + " was not read within 20 s");
            }
        }

        public void open() {
            opened.countDown();
        }

        private void pass() {
            reached.countDown();
            try {
                opened.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<PageGate> gates = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The next read of {@code pageIndex} blocks until the returned gate is opened. */
    public PageGate holdPage(int pageIndex) {
        PageGate gate = new PageGate(pageIndex);
        gates.add(gate);
        return gate;
    }

    public void failPage(int pageIndex, WarehouseException error, int times) {
        pageFaults.add(new Fault(pageIndex, error, new AtomicInteger(times)));
    }

    public void failExtraction(WarehouseException error) {
        extractionFault = error;
    }

    public List<ExtractionWindow> windows() {
        return windows;
    }

    public int reads(int pageIndex) {
        return pageReads.getOrDefault(Integer.toString(pageIndex), new AtomicInteger()).get();
    }

    public int extractions() {
        return extractions.get();
    }

    public java.util.Set<String> keptResultIds() {
        return java.util.Set.copyOf(results.keySet());
    }

    public int keptResults() {
        return results.size();
    }

    @Override
    public ExtractionHandle runExtraction(TableDefinition table, ExtractionWindow window, String runId,
                                          Heartbeat heartbeat) {
        if (extractionFault != null) {
            throw extractionFault;
        }
        String resultId = "mem-" + runId + "-" + table.name();
        Snapshot snapshot = results.computeIfAbsent(resultId, id -> {
            extractions.incrementAndGet();
            windows.add(window);
            List<String> cols = columns.get(table.name());
            int dateIndex = cols.indexOf(table.incrementalColumn());
            List<Object[]> selected = rows.get(table.name()).stream().filter(r -> {
                LocalDate d = (LocalDate) r[dateIndex];
                return (window.from() == null || !d.isBefore(window.from())) && (window.to() == null || !d.isAfter(window.to()));
            }).map(Object[]::clone).toList();
            return new Snapshot(table.name(), cols, selected);
        });
        int dateIndex = snapshot.columns().indexOf(table.incrementalColumn());
        LocalDate max = snapshot.rows().stream().map(r -> (LocalDate) r[dateIndex]).max(LocalDate::compareTo).orElse(null);
        return new ExtractionHandle(resultId, snapshot.rows().size(), max, snapshot.columns());
    }

    @Override
    public Page readPage(ExtractionHandle handle, String pageToken, int pageSize) {
        Snapshot snapshot = results.get(handle.resultId());
        if (snapshot == null) {
            throw WarehouseException.permanent("notFound", "no result " + handle.resultId(), null);
        }
        int offset = pageToken == null ? 0 : Integer.parseInt(pageToken);
        int pageIndex = offset / pageSize;
        pageReads.computeIfAbsent(Integer.toString(pageIndex), k -> new AtomicInteger()).incrementAndGet();
        for (PageGate gate : gates) {
            if (gate.pageIndex == pageIndex && gates.remove(gate)) {
                gate.pass();
            }
        }
        for (Fault fault : pageFaults) {
            if (fault.pageIndex() == pageIndex && fault.times().getAndDecrement() > 0) {
                throw fault.error();
            }
        }
        int end = Math.min(offset + pageSize, snapshot.rows().size());
        List<Object[]> page = snapshot.rows().subList(offset, end);
        return new Page(snapshot.columns(), page, end < snapshot.rows().size() ? Integer.toString(end) : null);
    }

    @Override
    public void release(ExtractionHandle handle) {
        results.remove(handle.resultId());
    }

    @Override
    public String name() {
        return "memory";
    }
}
