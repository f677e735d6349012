package io.pulso.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void threadsAreDaemonsNamedOrNumbered() {
        Thread named = DaemonThreads.named("page-writer").newThread(() -> { });
        ThreadFactory numbered = DaemonThreads.numbered("read-ahead-");

        assertThat(named.isDaemon()).isTrue();
        assertThat(named.getName()).isEqualTo("page-writer");
        assertThat(numbered.newThread(() -> { }).getName()).isEqualTo("read-ahead-1");
        Thread second = numbered.newThread(() -> { });
        assertThat(second.getName()).isEqualTo("read-ahead-2");
        assertThat(second.isDaemon()).isTrue();
    }
}
