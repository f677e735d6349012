package io.pulso.worker.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.catalog.CatalogSchemaVerifier;
import io.pulso.core.catalog.TableCatalog;
import io.pulso.core.catalog.TableDefinition;
import io.pulso.core.catalog.TableSchema;
import io.pulso.core.testing.TestDatabase;
import io.pulso.worker.warehouse.Page;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every column type the loader handles, through binary COPY into a real table and read back as PostgreSQL text,
 * so each binary form is checked against the server's own reading of it (the catalog tables use only some types).
 */
class CopyRowEncoderTest {

    private static final List<String> COLUMNS = List.of("id", "small", "big", "num", "dbl", "flt", "txt", "chr", "day",
            "tstz", "ts", "flag");
    private static HikariDataSource db;
    private static TableSchema types;
    private static TableSchema floatKeyed;
    private PageLoader loader;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("encoder");
        TestDatabase.execute(db, "CREATE TABLE loader_types (id integer PRIMARY KEY, small smallint, big bigint, "
                + "num numeric(20,6), dbl double precision, flt real, txt text, chr character(3), day date, "
                + "tstz timestamptz, ts timestamp, flag boolean, created_at timestamptz NOT NULL DEFAULT now(), "
                + "updated_at timestamptz NOT NULL DEFAULT now())");
        TestDatabase.execute(db, "CREATE TABLE loader_float_key (day date, score double precision, n integer, "
                + "created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), "
                + "PRIMARY KEY (day, score))");
        TableCatalog catalog = new TableCatalog(List.of(
                definition("loader_types", List.of("id")), definition("loader_float_key", List.of("day", "score"))));
        var schemas = new CatalogSchemaVerifier(db).verify(catalog);
        types = schemas.get("loader_types");
        floatKeyed = schemas.get("loader_float_key");
    }

    private static TableDefinition definition(String name, List<String> keys) {
        return new TableDefinition(name, Optional.empty(), keys, "day", Optional.of("day"), 0, 1000, Duration.ofHours(1),
                false, 0);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        TestDatabase.execute(db, "TRUNCATE loader_types, loader_float_key, etl_page_ledger, etl_watermarks");
        RunOwnership.claim(db, "loader_types", "run-1");
        RunOwnership.claim(db, "loader_float_key", "run-1");
        loader = new PageLoader(db);
    }

    @Test
    void everyTypeArrivesAsPostgresqlReadsIt() throws SQLException {
        Object[] values = {1, (short) -7, Long.MAX_VALUE, new BigDecimal("-12345678.1234567"), 0.1 + 0.2, 1.1,
                "tab\there \\ ñandú \uD83D\uDE00", "ab", LocalDate.of(1999, 12, 31),
                Instant.parse("2026-11-29T10:15:30.123456789Z"), LocalDateTime.of(2026, 2, 28, 23, 59, 59), true};
        Object[] others = {2, 32767L, new BigDecimal("42"), 1e-7, Double.NaN, new BigDecimal("2.5"), "", "x",
                LocalDate.of(2000, 1, 1), OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5)),
                Instant.parse("1960-06-01T00:00:00Z"), false};
        Object[] empty = {3, null, null, null, null, null, null, null, null, null, null, null};
        Object[] bigNumbers = {4, null, BigInteger.TWO.pow(40), BigInteger.TEN.pow(13), 9007199254740993L, 16777217L,
                null, null, null, null, null, null};

        loader.load("run-1", 0, types, new Page(COLUMNS, List.of(values, others, empty, bigNumbers), null), false);

        assertThat(rows("SELECT concat_ws('|', id, small, big, num, dbl, flt, txt, chr, day, tstz AT TIME ZONE 'UTC', ts, flag) "
                + "FROM loader_types ORDER BY id")).containsExactly(
                "1|-7|9223372036854775807|-12345678.123457|0.30000000000000004|1.1|tab\there \\ ñandú \uD83D\uDE00|ab |1999-12-31"
                        + "|2026-11-29 10:15:30.123457|2026-02-28 23:59:59|t",
                "2|32767|42|0.000000|NaN|2.5||x  |2000-01-01|1970-01-01 05:00:00|1960-06-01 00:00:00|f",
                "3",
                "4|1099511627776|10000000000000.000000|9.007199254740992e+15|1.6777216e+07");
        assertThat(rows("SELECT count(*) FROM loader_types WHERE small IS NULL AND txt IS NULL AND flag IS NULL"))
                .containsExactly("2");
    }

    @Test
    void numericBinaryFormsMatchTheirText() throws SQLException {
        String[] numbers = {"0", "0.000", "1", "-1", "9999", "10000", "123.45", "-0.0001", "0.00012", "1E+5", "12345678901234.5",
                "99999999999999.999999", "-5.5E-3"};
        List<Object[]> page = new ArrayList<>();
        for (int i = 0; i < numbers.length; i++) {
            page.add(new Object[] {i, null, null, new BigDecimal(numbers[i]), null, null, null, null, null, null, null, null});
        }
        loader.load("run-1", 0, types, new Page(COLUMNS, page, null), false);

        List<String> expected = new ArrayList<>();
        for (String n : numbers) {
            expected.add(new BigDecimal(n).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString());
        }
        assertThat(rows("SELECT num::text FROM loader_types ORDER BY id")).containsExactlyElementsOf(expected);
    }

    @Test
    void valuesTheColumnCannotHoldFailNamingTheColumn() {
        Object[] tooBig = {1, 40_000, null, null, null, null, null, null, null, null, null, null};
        assertThatThrownBy(() -> loader.load("run-1", 0, types, new Page(COLUMNS, List.<Object[]>of(tooBig), null), false))
                .isInstanceOf(PageDataException.class).hasMessageContaining("column small (smallint) cannot hold the result's value")
                .hasMessageContaining("in the row with key (id=1)").hasMessageNotContaining("40000");
        Object[] fraction = {1, null, 2.5, null, null, null, null, null, null, null, null, null};
        assertThatThrownBy(() -> loader.load("run-1", 0, types, new Page(COLUMNS, List.<Object[]>of(fraction), null), false))
                .isInstanceOf(PageDataException.class).hasMessageContaining("column big (bigint) expects an integer")
                .hasMessageNotContaining("2.5");
        Object[] notADate = {1, null, null, null, null, null, null, null, "2026-01-01", null, null, null};
        assertThatThrownBy(() -> loader.load("run-1", 0, types, new Page(COLUMNS, List.<Object[]>of(notADate), null), false))
                .isInstanceOf(PageDataException.class).hasMessageContaining("column day (date) expects a date")
                .hasMessageNotContaining("2026-01-01");
    }

    @Test
    void keysJavaCannotCompareAsPostgresqlDoesAreLeftToTheServer() throws SQLException {
        List<String> columns = List.of("day", "score", "n");
        LocalDate day = LocalDate.of(2026, 1, 1);
        Page zeros = new Page(columns, List.of(new Object[] {day, 0.0, 1}, new Object[] {day, -0.0, 2}), null);

        assertThat(loader.encode(floatKeyed, zeros).keysDistinct()).as("0.0 and -0.0 differ in Java only").isFalse();
        PageOutcome outcome = loader.load("run-1", 0, floatKeyed, zeros, false);

        assertThat(outcome.counts().duplicates()).isEqualTo(1);
        assertThat(rows("SELECT n FROM loader_float_key")).containsExactly("2");
    }

    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }
}
