package io.pulso.worker.warehouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedParameterSqlTest {

    @Test
    void namesBecomePlaceholdersInOrderAndMayRepeat() {
        NamedParameterSql sql = NamedParameterSql.parse(
                "SELECT 1 WHERE (CAST(:window_from AS date) IS NULL OR d >= CAST(:window_from AS date)) AND d <= :window_to");

        assertThat(sql.jdbcSql()).isEqualTo(
                "SELECT 1 WHERE (CAST(? AS date) IS NULL OR d >= CAST(? AS date)) AND d <= ?");
        assertThat(sql.parameterNames()).containsExactly("window_from", "window_from", "window_to");
    }

    @Test
    void castsQuotesCommentsAndDollarStringsAreLeftAlone() {
        String text = "SELECT x::date, ':not_a_param', \"col:umn\", $$ :nor_this $$, $tag$ :nor $tag$ -- :comment\n"
                + "/* :block */ FROM t WHERE a = :real AND b = 'it''s :quoted' AND c = $1";
        NamedParameterSql sql = NamedParameterSql.parse(text);

        assertThat(sql.parameterNames()).containsExactly("real");
        assertThat(sql.jdbcSql()).isEqualTo(text.replace(":real", "?"));
    }

    @Test
    void aBareQuestionMarkOrAnUnterminatedQuoteIsRejected() {
        assertThatThrownBy(() -> NamedParameterSql.parse("SELECT ? FROM t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'?'");
        assertThatThrownBy(() -> NamedParameterSql.parse("SELECT 'open FROM t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    }
}
