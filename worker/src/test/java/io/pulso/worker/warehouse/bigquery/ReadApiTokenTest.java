package io.pulso.worker.warehouse.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulso.worker.warehouse.WarehouseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page tokens of both layouts: how they read, what page follows, and that what they write reads back the same. */
class ReadApiTokenTest {

    private static final String SESSION = "projects/p:domain/locations/us/sessions/CAISDFhZ";
    private static final List<String> IDS = List.of("GgJpZBoCaWQ", "GgJpZRoCaWU", "GgJpZhoCaWY");

    @Test
    void anOldTokenParsesAndKeepsItsStreamAfterStreamLayout() {
        ReadApiToken old = ReadApiToken.parse("readapi:1:300:" + SESSION + ":" + String.join(",", IDS));

        assertThat(old.layout()).isEqualTo(ReadApiToken.Layout.STREAM_AFTER_STREAM);
        assertThat(old.session()).isEqualTo(SESSION);
        assertThat(old.streamIds()).isEqualTo(IDS);
        assertThat(old.stream()).isEqualTo(1);
        assertThat(old.offset()).isEqualTo(300);
        assertThat(old.streamName()).isEqualTo(SESSION + "/streams/GgJpZRoCaWU");
        assertThat(old.next(100, false).text()).as("the stream goes on: its next page")
                .isEqualTo("readapi:1:400:" + SESSION + ":" + String.join(",", IDS));
        assertThat(old.next(50, true).text()).as("the stream ended: the next stream from its start")
                .isEqualTo("readapi:2:0:" + SESSION + ":" + String.join(",", IDS));
        assertThat(old.next(50, true).next(10, true)).as("after the last stream").isNull();
        assertThat(ReadApiToken.parse(old.text())).isEqualTo(old);
    }

    @Test
    void roundRobinTakesTheNextStreamThatGoesOnAndEndsWithTheLast() {
        List<String> visited = new ArrayList<>();
        ReadApiToken at = ReadApiToken.first(SESSION, IDS);
        // Streams of 5, 2 and 4 rows in pages of 2.
        long[] rows = {5, 2, 4};
        while (at != null) {
            visited.add(at.stream() + "@" + at.offset());
            long left = rows[at.stream()] - at.offset();
            long read = Math.min(2, left);
            ReadApiToken next = at.next(read, read == left);
            if (next != null) {
                assertThat(ReadApiToken.parse(next.text())).as("written and read back").isEqualTo(next);
            }
            at = next;
        }

        assertThat(visited).containsExactly("0@0", "1@0", "2@0", "0@2", "2@2", "0@4");
    }

    @Test
    void aRoundRobinTokenHoldsEveryStreamsOffsetOnceAndTheSessionOnce() {
        ReadApiToken first = ReadApiToken.first(SESSION, IDS);
        ReadApiToken third = first.next(1000, false).next(7, true);

        assertThat(third.text()).isEqualTo("readapi2:2:1000,x,0:" + SESSION + ":" + String.join(",", IDS));
        assertThat(third.text().split("sessions/", -1)).as("the session named once").hasSize(2);
        assertThat(ReadApiToken.parse(third.text()).offsets()).containsExactly(1000L, ReadApiToken.ENDED, 0L);
    }

    @Test
    void aPageMappedToANewSessionReadsEachStreamFromItsStartOnce() {
        ReadApiToken at = ReadApiToken.first(SESSION, IDS).next(3, false).next(3, false).next(2, true); // stream 0 at 3
        ReadApiToken mapped = at.in("projects/p/locations/us/sessions/NEW", List.of("a", "b", "c"));

        assertThat(mapped.stream()).isEqualTo(0);
        assertThat(mapped.fromStart()).as("stream 0 served nothing in the new session").isTrue();
        assertThat(mapped.text()).isEqualTo("readapi2:0:3s,3s,x:projects/p/locations/us/sessions/NEW:a,b,c");
        ReadApiToken next = ReadApiToken.parse(mapped.text()).next(3, false);
        assertThat(next.stream()).isEqualTo(1);
        assertThat(next.fromStart()).as("stream 1 not yet read in the new session").isTrue();
        assertThat(next.next(3, false).fromStart()).as("stream 0 was read up to its next page").isFalse();
    }

    @Test
    void refusesWhatIsNotAPageToken() {
        for (String bad : List.of("row-3", "readapi2:3:0,0,0:" + SESSION + ":a,b,c", "readapi2:0:x,0:" + SESSION + ":a,b",
                "readapi2:0:0,0:" + SESSION + ":a,b,c", "readapi2:0:-4,0:" + SESSION + ":a,b", "readapi:0:zz:" + SESSION + ":a")) {
            assertThatThrownBy(() -> ReadApiToken.parse(bad)).as(bad).isInstanceOf(WarehouseException.class)
                    .hasMessageContaining("not a Read API page token");
        }
    }
}
