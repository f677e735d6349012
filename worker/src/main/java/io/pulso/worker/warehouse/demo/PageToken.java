package io.pulso.worker.warehouse.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Page tokens of the demo warehouse: {@code row:<number of the last row already read>}; null starts at row 1. */
final class PageToken {

    private static final Pattern FORMAT = Pattern.compile("row:(0|[1-9][0-9]{0,17})");

    private PageToken() {
    }

    /** The last row read before the page the token points to (0 for the first page). */
    static long lastRowRead(String token) {
        if (token == null) {
            return 0;
        }
        Matcher m = FORMAT.matcher(token);
        if (!m.matches()) {
            throw new IllegalArgumentException("malformed page token '" + abbreviate(token)
                    + "': expected null or row:<n> as returned by a previous page");
        }
        return Long.parseLong(m.group(1));
    }

    static String after(long lastRow) {
        return "row:" + lastRow;
    }

    private static String abbreviate(String token) {
        return token.length() <= 60 ? token : token.substring(0, 60) + "...";
    }
}
