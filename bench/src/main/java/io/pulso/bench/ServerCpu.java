package io.pulso.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds the local PostgreSQL has used: the postmaster (its reaped children included) plus its live
 * backends, from /proc. Only for the embedded server (its data directory gives the postmaster's pid).
 */
final class ServerCpu {

    private static final double TICKS_PER_SECOND = 100.0;
    private final long postmasterPid;

    private ServerCpu(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** Null when the data directory is unknown (a DATABASE_URL) or unreadable. */
    static ServerCpu of(String dataDirectory) {
        if (dataDirectory == null || dataDirectory.isBlank()) {
            return null;
        }
        try {
            return new ServerCpu(Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    double seconds() {
        long ticks = ticks(postmasterPid, true);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(name);
                    if (pid != postmasterPid && parentOf(pid) == postmasterPid) {
                        ticks += ticks(pid, false);
                    }
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which may hold spaces: state ppid ... utime(14) stime(15) cutime(16) cstime(17)
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long parentOf(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[1]);
    }

    private static long ticks(long pid, boolean withReapedChildren) {
        String[] f = stat(pid);
        if (f == null) {
            return 0;
        }
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
    }
}
