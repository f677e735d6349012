package io.pulso.core.refresh;

/**
 * What a request lets a run do that the safety guards refuse by default; recorded in the run's log row.
 *
 * @param maxDeletionShare the largest share (0 &lt; s &le; 1) of the window's rows the run may delete as vanished
 *                         from the source, instead of the table's guard; 1 = "all"; null = the table's guard
 * @param rewindWatermark  a result whose newest value is before the watermark may move the watermark back
 */
public record GuardOverrides(Double maxDeletionShare, boolean rewindWatermark) {

    public static final GuardOverrides NONE = new GuardOverrides(null, false);
    /** The wire name of {@code maxDeletionShare = 1}. */
    public static final String ALL = "all";

    public GuardOverrides {
        if (maxDeletionShare != null && !(maxDeletionShare > 0 && maxDeletionShare <= 1)) {
            throw new IllegalArgumentException("'allowDeletion' must be \"all\" or a share of the window's rows above 0 "
                    + "and at most 1 (e.g. 0.5), got " + maxDeletionShare);
        }
    }

    public boolean any() {
        return maxDeletionShare != null || rewindWatermark;
    }

    /** The deletion allowance as the API takes it: "all", a share such as "0.5", or null. */
    public String allowDeletionText() {
        if (maxDeletionShare == null) {
            return null;
        }
        return maxDeletionShare == 1.0 ? ALL : maxDeletionShare.toString();
    }

    /** How the log row records these overrides, or null when there are none. */
    public String logText() {
        if (!any()) {
            return null;
        }
        String deletion = maxDeletionShare == null ? null : "allowDeletion=" + allowDeletionText();
        String rewind = rewindWatermark ? "rewindWatermark=true" : null;
        return deletion == null ? rewind : rewind == null ? deletion : deletion + ", " + rewind;
    }

    /** Reads what {@link #logText()} wrote. */
    public static GuardOverrides fromLogText(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Double share = null;
        boolean rewind = false;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("allowDeletion")) {
                share = kv[1].equals(ALL) ? 1.0 : Double.valueOf(kv[1]);
            } else if (kv.length == 2 && kv[0].equals("rewindWatermark")) {
                rewind = Boolean.parseBoolean(kv[1]);
            }
        }
        return new GuardOverrides(share, rewind);
    }
}
