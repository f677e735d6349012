package io.pulso.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** `db timescale` on plain PostgreSQL: what can be checked without the extension. */
class TimescaleConversionTest {

    @Test
    void withoutTheExtensionItSaysSoAndChangesNothingHoweverOftenItRuns() throws SQLException {
        try (HikariDataSource db = TestDatabase.migrated("tsmissing")) {
            TestDatabase.execute(db, "INSERT INTO etl_watermarks (table_name) VALUES ('dashboard_data')");
            SchemaSnapshot before = SchemaSnapshot.of(db);

            for (int round = 0; round < 2; round++) {
                assertThatThrownBy(() -> new Migrations(db).timescale())
                        .isInstanceOf(TimescaleConversion.ExtensionMissingException.class)
                        .hasMessage("TimescaleDB is not available on this PostgreSQL server (pg_available_extensions has no "
                                + "timescaledb), so the tables stay plain tables; nothing was changed");
            }
            assertThat(SchemaSnapshot.of(db).lines()).containsExactlyElementsOf(before.lines());
            assertThat(new Migrations(db).validate().validationSuccessful).as("V3's checksum is untouched").isTrue();
        }
    }

    @Test
    void refusesBeforeV3IsApplied() {
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("tsearly"))) {
            Flyway.configure().dataSource(db).locations(Migrations.CLASSPATH_LOCATION).target("2").load().migrate();

            assertThatThrownBy(() -> new Migrations(db).timescale())
                    .isInstanceOf(TimescaleConversion.ConversionException.class)
                    .hasMessage("migration V3 (timescaledb) is not applied yet: run `pulso db migrate`, which converts the "
                            + "tables itself; nothing was changed");
        }
    }

    @Test
    void theConversionRunsV3sOwnScriptAndItsGuardIsIdempotentOnPlainPostgresql() throws IOException, SQLException {
        String v3 = Files.readString(Path.of("../migrations", TimescaleConversion.SCRIPT), StandardCharsets.UTF_8);
        UndoScripts scripts = new UndoScripts(List.of(Migrations.CLASSPATH_LOCATION), getClass().getClassLoader());
        assertThat(scripts.migration(TimescaleConversion.SCRIPT)).as("one copy of the SQL: V3 itself").contains(v3);
        assertThat(v3).contains("migrate_data => true", "if_not_exists => true");

        try (HikariDataSource db = TestDatabase.migrated("tsguard")) {
            SchemaSnapshot before = SchemaSnapshot.of(db);
            TestDatabase.execute(db, v3);
            TestDatabase.execute(db, v3);
            assertThat(SchemaSnapshot.of(db).lines()).containsExactlyElementsOf(before.lines());
        }
    }
}
