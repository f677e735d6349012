package io.pulso.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak heap of this JVM, sampled every 10 ms: used heap (garbage included, so it follows how lazily the collector
 * runs) and live heap after collections (what the program holds), and the process's peak resident set (VmHWM in /proc/self/status).
 */
final class MemorySampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakHeap;
    private volatile long peakLive;
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()).toList();

    MemorySampler() {
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            peakLive = Math.max(peakLive, liveAfterLastGc());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Heap still used right after the last collection of each pool: what the program actually holds. */
    private long liveAfterLastGc() {
        long live = 0;
        for (MemoryPoolMXBean pool : heapPools) {
            if (pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        return live;
    }

    long peakLiveBytes() {
        return Math.max(peakLive, liveAfterLastGc());
    }

    long peakHeapBytes() {
        return Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
    }

    /** VmHWM in bytes, or -1 where /proc is not there. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
