package io.pulso.worker.warehouse.bigquery;

import io.pulso.worker.warehouse.WarehouseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A page of a Read API session: the rows of stream {@code stream} (a position in {@code streamIds}) from ReadRows
 * offset {@code offsets[stream]}. It names the session and all its streams, so any worker reads the page from the same
 * session and stream; only after the session expired does a new session on the same result map the page again, by
 * stream position and offset.
 *
 * <p>Two layouts. {@link Layout#ROUND_ROBIN} ({@code readapi2:} tokens) takes one page of each stream in turn, so
 * the streams load side by side: the token holds every stream's next offset ({@link #ENDED} once a stream ended), and
 * the next page is the following stream that goes on, cyclically. {@link Layout#STREAM_AFTER_STREAM} ({@code readapi:}
 * tokens, from before round robin) reads all of stream 0, then stream 1, and so on; such tokens, held by runs in flight
 * across a deploy, keep their layout to the end, so their ledger's pages stay the same rows. Either way the layout is a
 * function of the session's split and the data alone, so a token always names the same rows on any worker.
 *
 * <p>{@code unread} are the streams not yet read in this session, which replaced an expired one: ReadRows serves an
 * offset only below rows a stream has already served, so their next page is read from the stream's start.
 */
record ReadApiToken(Layout layout, String session, List<String> streamIds, int stream, List<Long> offsets,
                    Set<Integer> unread) {

    enum Layout { STREAM_AFTER_STREAM, ROUND_ROBIN }

    /** The offset of a stream that has ended: no page of it is left. */
    static final long ENDED = -1;

    private static final String STREAM_AFTER_STREAM = "readapi:";
    private static final String ROUND_ROBIN = "readapi2:";
    private static final String ENDED_TEXT = "x";
    private static final String UNREAD_TEXT = "s";

    ReadApiToken {
        streamIds = List.copyOf(streamIds);
        offsets = List.copyOf(offsets);
        unread = Set.copyOf(unread);
        if (offsets.size() != streamIds.size() || stream < 0 || stream >= streamIds.size() || offsets.get(stream) < 0) {
            throw new IllegalArgumentException("a page of stream " + stream + " of " + streamIds.size() + " at " + offsets);
        }
    }

    /** The first page of a round-robin session: stream 0, every stream at offset 0. */
    static ReadApiToken first(String session, List<String> streamIds) {
        return new ReadApiToken(Layout.ROUND_ROBIN, session, streamIds, 0, Collections.nCopies(streamIds.size(), 0L),
                Set.of());
    }

    /** A stream-after-stream page (the layout of {@code readapi:} tokens). */
    static ReadApiToken streamAfterStream(String session, List<String> streamIds, int stream, long offset) {
        List<Long> offsets = new ArrayList<>(Collections.nCopies(streamIds.size(), 0L));
        offsets.set(stream, offset);
        return new ReadApiToken(Layout.STREAM_AFTER_STREAM, session, streamIds, stream, offsets, Set.of());
    }

    static boolean is(String token) {
        return token != null && (token.startsWith(STREAM_AFTER_STREAM) || token.startsWith(ROUND_ROBIN));
    }

    int streams() {
        return streamIds.size();
    }

    /** The ReadRows offset of this page in its stream. */
    long offset() {
        return offsets.get(stream);
    }

    /** Whether this page's stream is read from its start, skipping to the page (see {@code unread}). */
    boolean fromStart() {
        return unread.contains(stream);
    }

    String streamName() {
        return session + "/streams/" + streamIds.get(stream);
    }

    /**
     * The same page in a session that replaced an expired one, by stream position and offsets; no stream of it has
     * been read yet, so each stream with rows behind it is read from its start the first time.
     */
    ReadApiToken in(String newSession, List<String> newStreamIds) {
        Set<Integer> notRead = new HashSet<>();
        for (int i = 0; i < offsets.size(); i++) {
            if (offsets.get(i) > 0) {
                notRead.add(i);
            }
        }
        return new ReadApiToken(layout, newSession, newStreamIds, stream, offsets, notRead);
    }

    /**
     * The page after this one, which read {@code rows} rows and found its stream {@code ended} or going on; null
     * after the last page.
     */
    ReadApiToken next(long rows, boolean ended) {
        if (layout == Layout.STREAM_AFTER_STREAM) {
            if (!ended) {
                return streamAfterStream(session, streamIds, stream, offset() + rows);
            }
            return stream + 1 < streams() ? streamAfterStream(session, streamIds, stream + 1, 0) : null;
        }
        List<Long> advanced = new ArrayList<>(offsets);
        advanced.set(stream, ended ? ENDED : offset() + rows);
        Set<Integer> stillUnread = new HashSet<>(unread);
        stillUnread.remove(stream); // this page's call served the stream up to the next page
        for (int step = 1; step <= streams(); step++) {
            int candidate = (stream + step) % streams();
            if (advanced.get(candidate) != ENDED) {
                return new ReadApiToken(layout, session, streamIds, candidate, advanced, stillUnread);
            }
        }
        return null;
    }

    /**
     * {@code readapi2:<stream>:<offset>[s]|x,…:<session>:<id>,<id>…} (x: ended, s: unread) or the older
     * {@code readapi:<stream>:<offset>:<session>:<id>,<id>…}; a session name may hold ':' (domain projects), ids do not.
     */
    static ReadApiToken parse(String token) {
        if (is(token)) {
            boolean roundRobin = token.startsWith(ROUND_ROBIN);
            String[] head = token.substring((roundRobin ? ROUND_ROBIN : STREAM_AFTER_STREAM).length()).split(":", 3);
            int cut = head.length == 3 ? head[2].lastIndexOf(':') : -1;
            if (cut > 0) {
                try {
                    String session = head[2].substring(0, cut);
                    List<String> ids = Arrays.asList(head[2].substring(cut + 1).split(","));
                    int stream = Integer.parseInt(head[0]);
                    if (!roundRobin) {
                        long offset = Long.parseLong(head[1]);
                        if (stream >= 0 && stream < ids.size() && offset >= 0) {
                            return streamAfterStream(session, ids, stream, offset);
                        }
                    } else {
                        String[] at = head[1].split(",");
                        List<Long> offsets = new ArrayList<>();
                        Set<Integer> unread = new HashSet<>();
                        for (int i = 0; i < at.length; i++) {
                            if (at[i].endsWith(UNREAD_TEXT)) {
                                unread.add(i);
                                at[i] = at[i].substring(0, at[i].length() - UNREAD_TEXT.length());
                            }
                            offsets.add(at[i].equals(ENDED_TEXT) ? ENDED : checkedOffset(Long.parseLong(at[i])));
                        }
                        return new ReadApiToken(Layout.ROUND_ROBIN, session, ids, stream, offsets, unread);
                    }
                } catch (IllegalArgumentException e) {
                    // reported below (NumberFormatException is one)
                }
            }
        }
        throw WarehouseException.permanent("invalidRequest", "not a Read API page token: " + token, null);
    }

    private static long checkedOffset(long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset");
        }
        return offset;
    }

    String text() {
        String ids = String.join(",", streamIds);
        if (layout == Layout.STREAM_AFTER_STREAM) {
            return STREAM_AFTER_STREAM + stream + ":" + offset() + ":" + session + ":" + ids;
        }
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < offsets.size(); i++) {
            long offset = offsets.get(i);
            at.append(i == 0 ? "" : ",").append(offset == ENDED ? ENDED_TEXT : Long.toString(offset))
                    .append(offset != ENDED && unread.contains(i) ? UNREAD_TEXT : "");
        }
        return ROUND_ROBIN + stream + ":" + at + ":" + session + ":" + ids;
    }

    @Override
    public String toString() {
        return "stream " + stream + " of " + streams() + " at offset " + offset();
    }
}
