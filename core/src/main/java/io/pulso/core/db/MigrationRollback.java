package io.pulso.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes the last applied migration with its paired undo script: the script and the removal of the version's row
 * from Flyway's history run in one transaction, so the database never records a version whose objects are gone.
 * (Flyway's own undo is a paid feature; this is the old tool's rollback.)
 */
public final class MigrationRollback {

    private static final Logger log = LoggerFactory.getLogger(MigrationRollback.class);

    /** What was undone. */
    public record RolledBack(String version, String description, String undoScript) {
    }

    private final DataSource dataSource;
    private final UndoScripts undoScripts;
    private final String historyTable;

    public MigrationRollback(DataSource dataSource, UndoScripts undoScripts, String historyTable) {
        this.dataSource = dataSource;
        this.undoScripts = undoScripts;
        this.historyTable = historyTable;
    }

    /**
     * @param last the last applied versioned migration, or null when none is applied
     * @throws MigrationUndoException when nothing is applied or the migration has no undo script (nothing changed)
     */
    public RolledBack rollback(MigrationInfo last) {
        if (last == null || last.getVersion() == null) {
            throw new MigrationUndoException("nothing to roll back: no migration is applied");
        }
        String version = last.getVersion().getVersion();
        String script = undoScripts.find(last.getScript()).orElseThrow(() -> new MigrationUndoException(
                "migration V" + version + " (" + last.getDescription() + ") has no undo script; looked for "
                        + String.join(", ", undoScripts.searchedPaths(last.getScript())) + "; nothing was changed"));
        String undoName = UndoScripts.undoNameOf(last.getScript());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    PreparedStatement forget = c.prepareStatement("DELETE FROM " + historyTable + " WHERE version = ?")) {
                s.execute(script);
                forget.setString(1, version);
                if (forget.executeUpdate() != 1) {
                    throw new MigrationUndoException("version " + version + " is not in " + historyTable + "; nothing was changed");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                Database.rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new MigrationUndoException("undo of V" + version + " failed and was rolled back: " + e.getMessage(), e);
        }
        log.info("rolled back migration V{} ({}) with {}", version, last.getDescription(), undoName);
        return new RolledBack(version, last.getDescription(), undoName);
    }
}
