package io.pulso.worker.refresh;

import io.pulso.core.db.Database;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a database failure says, without the row values a server error can carry: PostgreSQL's detail line
 * ("Failing row contains (…)", "Key (…)=(…) already exists") holds a row's data, so only its message and the names of
 * the table, column and constraint it reports are kept.
 */
final class SqlFailureText {

    private SqlFailureText() {
    }

    static String of(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null || server.getMessage() == null) {
            return withoutDetail(Database.rootMessage(e));
        }
        String message = server.getMessage();
        List<String> names = new ArrayList<>();
        for (String[] name : new String[][] {{"table", server.getTable()}, {"column", server.getColumn()},
                {"constraint", server.getConstraint()}}) {
            if (name[1] != null && !message.contains("\"" + name[1] + "\"")) {
                names.add(name[0] + " " + name[1]);
            }
        }
        return names.isEmpty() ? message : message + " (" + String.join(", ", names) + ")";
    }

    /** Drops the lines after the first (pgjdbc puts "Detail:", "Where:" and "Position:" there). */
    private static String withoutDetail(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).trim();
    }
}
