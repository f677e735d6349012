package io.pulso.bench;

/**
 * One timed case, as a child process reports it on one tab-separated line.
 *
 * @param walBytes      WAL the server wrote during the case
 * @param clientCpu     CPU seconds of the child JVM during the case
 * @param sourceCpu     of which the in-process BigQuery stand-ins' serving threads (0 without them)
 * @param serverCpu     CPU seconds of the embedded PostgreSQL during the case (NaN on a DATABASE_URL)
 * @param peakHeapBytes peak used heap of the child over all its cases
 * @param peakLiveBytes peak heap still used after a collection, over all its cases
 * @param peakRssBytes  peak resident set (VmHWM) of the child over all its cases
 */
record CaseResult(Method method, long rows, LoadCase loadCase, long millis, long walBytes, double clientCpu, double sourceCpu,
                  double serverCpu,
                  long peakHeapBytes, long peakLiveBytes, long peakRssBytes, String note) {

    static final String PREFIX = "RESULT\t";

    double rowsPerSecond() {
        return rows * 1000.0 / Math.max(1, millis);
    }

    String toLine() {
        return PREFIX + String.join("\t", method.name(), Long.toString(rows), loadCase.name(), Long.toString(millis),
                Long.toString(walBytes), Double.toString(clientCpu), Double.toString(sourceCpu),
                Double.toString(serverCpu), Long.toString(peakHeapBytes),
                Long.toString(peakLiveBytes), Long.toString(peakRssBytes), note.replace('\t', ' '));
    }

    static CaseResult parse(String line) {
        String[] f = line.substring(PREFIX.length()).split("\t", -1);
        return new CaseResult(Method.valueOf(f[0]), Long.parseLong(f[1]), LoadCase.valueOf(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]), f[11]);
    }
}
