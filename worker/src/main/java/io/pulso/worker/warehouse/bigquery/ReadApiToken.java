package io.pulso.worker.warehouse.bigquery;

import io.pulso.worker.warehouse.WarehouseException;
import java.util.Arrays;
import java.util.List;

/**
 * A page of a Read API session: the rows of stream {@code stream} (a position in {@code streamIds}) from ReadRows
 * offset {@code offset}. It names the session and all its streams, so any worker reads the page from the same
 * session and stream, and the next stream's name is known at a stream's end; only after the session expired does a
 * new session on the same result map the page again, by stream position and offset.
 */
record ReadApiToken(String session, List<String> streamIds, int stream, long offset) {

    private static final String PREFIX = "readapi:";

    ReadApiToken {
        streamIds = List.copyOf(streamIds);
    }

    static boolean is(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    int streams() {
        return streamIds.size();
    }

    String streamName() {
        return session + "/streams/" + streamIds.get(stream);
    }

    ReadApiToken at(int stream, long offset) {
        return new ReadApiToken(session, streamIds, stream, offset);
    }

    /** {@code readapi:<stream>:<offset>:<session>:<id>,<id>…}; a session name may hold ':' (domain projects), ids do not. */
    static ReadApiToken parse(String token) {
        if (is(token)) {
            String[] head = token.substring(PREFIX.length()).split(":", 3);
            int cut = head.length == 3 ? head[2].lastIndexOf(':') : -1;
            if (cut > 0) {
                try {
                    ReadApiToken parsed = new ReadApiToken(head[2].substring(0, cut),
                            Arrays.asList(head[2].substring(cut + 1).split(",")), Integer.parseInt(head[0]), Long.parseLong(head[1]));
                    if (parsed.stream >= 0 && parsed.stream < parsed.streams() && parsed.offset >= 0) {
                        return parsed;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
        }
        throw WarehouseException.permanent("invalidRequest", "not a Read API page token: " + token, null);
    }

    String text() {
        return PREFIX + stream + ":" + offset + ":" + session + ":" + String.join(",", streamIds);
    }

    @Override
    public String toString() {
        return "stream " + stream + " of " + streams() + " at offset " + offset;
    }
}
