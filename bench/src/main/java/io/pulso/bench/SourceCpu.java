package io.pulso.bench;

import io.pulso.worker.warehouse.bigquery.FakeBigQuery;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU seconds spent so far by the in-process BigQuery stand-ins' serving threads (JSON pages, Arrow batches, rows
 * computed from their index): the source's share of the child JVM's CPU, which a real BigQuery spends on its side.
 * Their pools are fixed, so no thread that served a case has ended (and taken its CPU time along) before the sample.
 */
final class SourceCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SourceCpu() {
    }

    static double seconds() {
        long nanos = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(FakeBigQuery.STAND_IN_THREADS)) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                nanos += Math.max(0, cpu);
            }
        }
        return nanos / 1e9;
    }
}
