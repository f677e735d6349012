package io.pulso.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyMatcherTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void acceptsOnlyTheExactKey() {
        ApiKeyMatcher matcher = new ApiKeyMatcher(KEY);

        assertThat(matcher.matches(KEY)).isTrue();
        assertThat(matcher.matches(" " + KEY + " ")).as("surrounding blanks from a header are ignored").isTrue();
        assertThat(matcher.matches(KEY.substring(0, 31))).as("a prefix").isFalse();
        assertThat(matcher.matches(KEY + "0")).as("longer").isFalse();
        assertThat(matcher.matches(KEY.toUpperCase())).as("case matters").isFalse();
        assertThat(matcher.matches("")).isFalse();
        assertThat(matcher.matches(null)).isFalse();
    }

    @Test
    void refusesShortKeysAndNeverShowsTheKey() {
        assertThatThrownBy(() -> new ApiKeyMatcher("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an API key needs at least 16 characters").hasMessageNotContaining("short");
        assertThat(new ApiKeyMatcher(KEY).toString()).doesNotContain(KEY);
    }
}
