package io.pulso.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@link ChildRun} in a fresh JVM with a fixed heap limit and collects its results. */
final class ChildProcess {

    private ChildProcess() {
    }

    static List<CaseResult> run(Method method, long rows, BenchDatabase db, String dataDirectory, String maxHeap, Path log)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx" + maxHeap, "-Xms64m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ChildRun.class.getName(), method.name(), Long.toString(rows), db.jdbcUrl(), orDash(db.user()),
                orDash(db.password()), orDash(dataDirectory));
        Files.createDirectories(log.getParent());
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<CaseResult> results = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             var logFile = Files.newBufferedWriter(log)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(CaseResult.PREFIX)) {
                    results.add(CaseResult.parse(line));
                } else {
                    logFile.write(line);
                    logFile.newLine();
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || results.size() != LoadCase.values().length) {
            throw new IllegalStateException(method + " at " + rows + " rows failed (exit " + exit + "); its log: " + log);
        }
        return results;
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
