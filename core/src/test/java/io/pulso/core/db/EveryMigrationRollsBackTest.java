package io.pulso.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pulso.core.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * Rollback of every migration present (whatever their number) leaves exactly the schema of the version before it,
 * compared object by object with {@link SchemaSnapshot}, on plain PostgreSQL.
 */
class EveryMigrationRollsBackTest {

    private static final Path FOLDER = Path.of("../migrations");

    @Test
    void everyVersionedMigrationHasItsUndoScript() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String script : migrationFiles()) {
            if (!Files.isRegularFile(FOLDER.resolve(UndoScripts.FOLDER).resolve(UndoScripts.undoNameOf(script)))) {
                missing.add(script);
            }
        }
        assertThat(migrationFiles()).isNotEmpty();
        assertThat(missing).as("migrations without undo/U<n>__*.sql").isEmpty();
    }

    @Test
    void rollingBackEachMigrationGivesBackTheSchemaOfTheVersionBefore() throws SQLException, IOException {
        try (HikariDataSource db = TestDatabase.pool(TestDatabase.createDatabase("schemaundo"))) {
            List<SchemaSnapshot> schemaAt = migrateOneByOne(db);
            assertThat(schemaAt.get(schemaAt.size() - 1).has("index etl_execution_log_status_idx ")).as("the snapshot sees indexes")
                    .isTrue();
            rollBackOneByOne(db, schemaAt, undone -> { });
        }
    }

    /**
     * Applies every migration present one at a time; element i of the answer is the schema with the first i applied
     * (element 0: before any).
     */
    static List<SchemaSnapshot> migrateOneByOne(HikariDataSource db) throws SQLException, IOException {
        List<MigrationVersion> versions = versions(db);
        assertThat(versions).as("every V file in migrations/ is one of Flyway's").hasSize(migrationFiles().size());
        List<SchemaSnapshot> schemaAt = new ArrayList<>();
        schemaAt.add(SchemaSnapshot.of(db));
        for (MigrationVersion version : versions) {
            Flyway.configure().dataSource(db).locations(Migrations.CLASSPATH_LOCATION).target(version).load().migrate();
            schemaAt.add(SchemaSnapshot.of(db));
        }
        return schemaAt;
    }

    /**
     * Rolls back every migration in turn, checking after each undo that the schema is the one before its migration,
     * then migrates again to the same final schema. {@code afterEach} may check the rows.
     */
    static void rollBackOneByOne(HikariDataSource db, List<SchemaSnapshot> schemaAt,
                                 Consumer<MigrationRollback.RolledBack> afterEach) throws SQLException {
        List<MigrationVersion> versions = versions(db);
        Migrations migrations = new Migrations(db);
        for (int i = versions.size(); i > 0; i--) {
            MigrationRollback.RolledBack undone = migrations.rollback();
            assertThat(undone.version()).isEqualTo(versions.get(i - 1).getVersion());
            assertThat(SchemaSnapshot.of(db).lines()).as("schema after the undo of V%s (%s)", undone.version(), undone.undoScript())
                    .containsExactlyElementsOf(schemaAt.get(i - 1).lines());
            afterEach.accept(undone);
        }
        new Migrations(db).migrate();
        assertThat(SchemaSnapshot.of(db).lines()).as("migrating again after rolling everything back")
                .containsExactlyElementsOf(schemaAt.get(versions.size()).lines());
    }

    private static List<MigrationVersion> versions(HikariDataSource db) {
        return Arrays.stream(new Migrations(db).info()).map(MigrationInfo::getVersion).toList();
    }

    static List<String> migrationFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql")).sorted().toList();
        }
    }
}
