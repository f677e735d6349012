package io.pulso.worker.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A database failure's text keeps the message and the names, never the row values of the server's detail line. */
class SqlFailureTextTest {

    private static HikariDataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.migrated("sqltext");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static SQLException failureOf(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("no failure from " + sql);
    }

    @Test
    void aNotNullViolationNamesTableAndColumnWithoutTheFailingRow() {
        SQLException e = failureOf("INSERT INTO evolution_data (fecha_foto, archivo, cartera, servicio, pct_cober, pct_contac, "
                + "pct_efectividad, pct_cierre, recupero, cuentas) VALUES ('2026-11-01', 'SECRET-FILE', 'TEMPRANA', 'MOVIL', "
                + "1, NULL, 1, 1, 98765.43, 7)");
        assertThat(e.getMessage()).as("what pgjdbc says").contains("Failing row contains");

        String text = SqlFailureText.of(e);

        assertThat(text).contains("null value in column \"pct_contac\"").contains("evolution_data")
                .doesNotContain("Failing row").doesNotContain("98765").doesNotContain("SECRET-FILE");
    }

    @Test
    void aDuplicateKeyNamesTheConstraintWithoutTheKeyValues() {
        TestDatabase.execute(db, "CREATE TABLE text_dupes (id text PRIMARY KEY)");
        TestDatabase.execute(db, "INSERT INTO text_dupes VALUES ('private-value')");
        String text = SqlFailureText.of(failureOf("INSERT INTO text_dupes VALUES ('private-value')"));

        assertThat(text).contains("duplicate key value violates unique constraint \"text_dupes_pkey\"")
                .contains("table text_dupes").doesNotContain("private-value");
    }
}
