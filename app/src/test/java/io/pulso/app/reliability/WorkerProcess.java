package io.pulso.app.reliability;

import io.pulso.app.PulsoCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@code pulso worker} in its own JVM, as production runs it, started from the test's classpath (so it needs no
 * packaged jar). Its environment is exactly the one given, plus what a JVM needs; its output goes to a log file.
 * Every process started here is killed at the latest when the test JVM exits.
 */
final class WorkerProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "worker-reaper"));
    }

    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static WorkerProcess start(Map<String, String> environment, Path log) {
        // Under surefire java.class.path may be a manifest-only booter jar; surefire.test.class.path is the real one.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, PulsoCli.class.getName(),
                "worker"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(Set.of("PATH", "HOME", "LANG", "TMPDIR", "TZ"));
        env.putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            LIVE.add(process);
            return new WorkerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux): no shutdown hook, no goodbye to Temporal. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("worker " + pid() + " still alive 30 s after SIGKILL");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /** Fails with the end of the worker's log if it has exited by itself (a start-up error, for instance). */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("worker " + pid() + " exited with " + process.exitValue() + "; end of " + log + ":\n"
                    + tail());
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(process);
    }
}
