package io.pulso.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * One method at one size, in its own JVM so its heap and RSS peaks are its own: runs the three cases in order and
 * prints a {@link CaseResult} line per case (peaks are those of the whole child, reported on every line).
 * Arguments: method rows jdbcUrl user password postgresDataDirectory (user, password, directory may be "-").
 */
public final class ChildRun {

    private ChildRun() {
    }

    public static void main(String[] args) throws Exception {
        Method method = Method.valueOf(args[0]);
        long rows = Long.parseLong(args[1]);
        BenchDatabase db = new BenchDatabase(args[2], dash(args[3]), dash(args[4]));
        ServerCpu serverCpu = ServerCpu.of(dash(args[5]));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        db.reset();
        List<String> lines = new ArrayList<>();
        try (MemorySampler memory = new MemorySampler(); LoadMethod load = method.open(db, rows)) {
            List<long[]> raw = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<double[]> cpu = new ArrayList<>();
            for (LoadCase c : LoadCase.values()) {
                db.checkpoint();
                long wal = db.walPosition();
                double server = serverCpu == null ? Double.NaN : serverCpu.seconds();
                long clientCpu = os.getProcessCpuTime();
                double sourceCpu = SourceCpu.seconds();
                long start = System.nanoTime();
                String note = load.load(c.variant);
                long millis = (System.nanoTime() - start) / 1_000_000;
                double clientSeconds = (os.getProcessCpuTime() - clientCpu) / 1e9;
                double sourceSeconds = SourceCpu.seconds() - sourceCpu;
                double serverSeconds = serverCpu == null ? Double.NaN : serverCpu.seconds() - server;
                raw.add(new long[] {millis, db.walPosition() - wal});
                cpu.add(new double[] {clientSeconds, sourceSeconds, serverSeconds});
                notes.add(note);
                load.afterCase();
                System.err.printf("bench: %s %,d rows %s: %,d ms (%s)%n", method, rows, c.label, millis, note);
            }
            long heap = memory.peakHeapBytes();
            long live = memory.peakLiveBytes();
            long rss = MemorySampler.peakRssBytes();
            for (LoadCase c : LoadCase.values()) {
                int i = c.ordinal();
                lines.add(new CaseResult(method, rows, c, raw.get(i)[0], raw.get(i)[1], cpu.get(i)[0], cpu.get(i)[1], cpu.get(i)[2], heap, live, rss,
                        notes.get(i)).toLine());
            }
        }
        lines.forEach(System.out::println);
        System.out.flush();
        System.exit(0);
    }

    private static String dash(String s) {
        return "-".equals(s) ? null : s;
    }
}
