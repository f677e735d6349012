package io.pulso.worker.refresh;

/** Where reading an extraction result stands: the index of the next page and its token (null for the first). */
public record PageCursor(int pageIndex, String pageToken) {

    public static PageCursor first() {
        return new PageCursor(0, null);
    }
}
