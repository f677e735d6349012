package io.pulso.worker.warehouse.bigquery;

import io.pulso.worker.warehouse.WarehouseException;

/**
 * A page of a Read API session: the rows of stream {@code stream} (of {@code streams}) from ReadRows offset
 * {@code offset}. The token names the stream by position, not by name, so that after a session expires a new
 * session on the same result maps the same page again.
 */
record ReadApiToken(int streams, int stream, long offset) {

    private static final String PREFIX = "readapi:";

    static boolean is(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    static ReadApiToken parse(String token) {
        String[] parts = is(token) ? token.substring(PREFIX.length()).split(":") : new String[0];
        try {
            if (parts.length == 3) {
                ReadApiToken parsed = new ReadApiToken(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
                if (parsed.streams > 0 && parsed.stream >= 0 && parsed.stream < parsed.streams && parsed.offset >= 0) {
                    return parsed;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WarehouseException.permanent("invalidRequest", "not a Read API page token: " + token, null);
    }

    String text() {
        return PREFIX + streams + ":" + stream + ":" + offset;
    }

    @Override
    public String toString() {
        return "stream " + stream + " of " + streams + " at offset " + offset;
    }
}
