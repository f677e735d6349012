package io.pulso.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/** What the figures were measured on: they mean nothing without it. */
record MachineInfo(int cpus, String cpuModel, long memoryBytes, String jvm, String postgres, String loadAverage, Instant at) {

    static MachineInfo describe(BenchDatabase db) {
        String postgres;
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version(), current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            rs.next();
            postgres = rs.getString(1).replaceAll(" on .*", "") + " (synchronous_commit=" + rs.getString(2)
                    + ", shared_buffers=" + rs.getString(3) + ")";
        } catch (Exception e) {
            postgres = "unknown (" + e.getMessage() + ")";
        }
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), procLine("/proc/cpuinfo", "model name"),
                procKb("/proc/meminfo", "MemTotal") * 1024, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                postgres, read("/proc/loadavg"), Instant.now());
    }

    String describe() {
        return String.format("%d CPUs (nproc) %s, %.1f GiB RAM, %s, %s; load average at start %s; measured %s",
                cpus, cpuModel, memoryBytes / (1024.0 * 1024 * 1024), jvm, postgres, loadAverage, at);
    }

    private static String procLine(String file, String key) {
        for (String line : lines(file)) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    private static long procKb(String file, String key) {
        String v = procLine(file, key).replaceAll("[^0-9]", "");
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }

    private static String read(String file) {
        List<String> l = lines(file);
        return l.isEmpty() ? "?" : String.join(" ", l.get(0).split(" ", 4)).replaceAll(" [^ ]*$", "");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
