package io.pulso.core.db;

import io.pulso.core.config.ConfigException;
import io.pulso.core.config.Durations;
import io.pulso.core.config.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * How long one use of the database may wait, so no caller hangs on a slow or stalled database. The first three are
 * the server's ({@code statement_timeout}, {@code lock_timeout}, {@code idle_in_transaction_session_timeout}, set on
 * every new connection); the driver bounds the rest: {@code socketTimeout} (no byte from the server for this long
 * breaks the connection: a stalled peer), {@code connectTimeout} (TCP connect), and the pool's wait for a free
 * connection ({@code acquireTimeout}). The statement timeout stays below the socket timeout, so a merely slow
 * statement is cancelled by the server (SQLState 57014) and the connection survives.
 *
 * <p>Zero turns a server-side limit off and, for the socket timeout, means "wait as long as it takes": only the
 * migrations' settings do that (a migration on a big table may run long).
 */
public record DatabaseTimeouts(Duration statementTimeout, Duration lockTimeout, Duration idleInTransactionTimeout,
                               Duration socketTimeout, Duration connectTimeout, Duration acquireTimeout) {

    /**
     * The API's: every read route answers within about 2 s, with 503 when the database does not. Statements of the
     * API are small reads (status, run log), so 1.5 s is far above their normal time.
     */
    public static final DatabaseTimeouts API = new DatabaseTimeouts(Duration.ofMillis(1500), Duration.ofSeconds(1),
            Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
    /**
     * The worker's: a page's COPY and upsert is one statement (60 s); the socket timeout (90 s) stays below LoadPages'
     * heartbeat timeout (120 s by default), so a stalled database fails the attempt before Temporal gives up on it.
     */
    public static final DatabaseTimeouts WORKER = new DatabaseTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(10), Duration.ofSeconds(10));
    /** Migrations and schema checks at start: no statement, lock or socket limit (DDL on big tables may run long). */
    public static final DatabaseTimeouts MIGRATIONS = new DatabaseTimeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(10));

    private static final Duration MAX = Duration.ofHours(1);
    /** HikariCP's smallest wait for a connection. */
    private static final Duration MIN_ACQUIRE = Duration.ofMillis(250);

    public DatabaseTimeouts {
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(idleInTransactionTimeout, "idleInTransactionTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(acquireTimeout, "acquireTimeout");
        String problem = problem("", new Unchecked(statementTimeout, lockTimeout, socketTimeout, connectTimeout));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Reads {@code <prefix>STATEMENT_TIMEOUT}, {@code LOCK_TIMEOUT}, {@code IDLE_IN_TRANSACTION_TIMEOUT},
     * {@code SOCKET_TIMEOUT}, {@code CONNECT_TIMEOUT} and {@code ACQUIRE_TIMEOUT} (e.g. {@code API_DB_}), each
     * defaulting to {@code defaults}'s, and checks them together.
     */
    public static DatabaseTimeouts fromEnv(Env env, String prefix, DatabaseTimeouts defaults) {
        Duration statement = env.duration(prefix + "STATEMENT_TIMEOUT", defaults.statementTimeout, Duration.ofMillis(100), MAX);
        // A lower statement timeout lowers the default lock timeout with it (a lock wait is part of a statement).
        Duration lockDefault = defaults.lockTimeout.compareTo(statement) > 0 ? statement : defaults.lockTimeout;
        Duration lock = env.duration(prefix + "LOCK_TIMEOUT", lockDefault, Duration.ofMillis(100), MAX);
        Duration idle = env.duration(prefix + "IDLE_IN_TRANSACTION_TIMEOUT", defaults.idleInTransactionTimeout,
                Duration.ofSeconds(1), MAX);
        Duration socket = env.duration(prefix + "SOCKET_TIMEOUT", defaults.socketTimeout, Duration.ofSeconds(1), MAX);
        Duration connect = env.duration(prefix + "CONNECT_TIMEOUT", defaults.connectTimeout, Duration.ofSeconds(1),
                Duration.ofMinutes(5));
        Duration acquire = env.duration(prefix + "ACQUIRE_TIMEOUT", defaults.acquireTimeout, MIN_ACQUIRE, MAX);
        String problem = problem(prefix, new Unchecked(statement, lock, socket, connect));
        if (problem != null) {
            throw new ConfigException(problem);
        }
        return new DatabaseTimeouts(statement, lock, idle, socket, connect, acquire);
    }

    /** The values the checks look at, before a record exists. */
    private record Unchecked(Duration statement, Duration lock, Duration socket, Duration connect) {
    }

    private static String problem(String prefix, Unchecked t) {
        String socketName = prefix.isEmpty() ? "the socket timeout" : prefix + "SOCKET_TIMEOUT";
        String statementName = prefix.isEmpty() ? "the statement timeout" : prefix + "STATEMENT_TIMEOUT";
        String lockName = prefix.isEmpty() ? "the lock timeout" : prefix + "LOCK_TIMEOUT";
        String connectName = prefix.isEmpty() ? "the connect timeout" : prefix + "CONNECT_TIMEOUT";
        if (t.socket.toMillis() % 1000 != 0) {
            return socketName + " must be whole seconds (the driver's unit), got " + Durations.text(t.socket);
        }
        if (t.connect.toMillis() % 1000 != 0 || t.connect.isZero()) {
            return connectName + " must be whole seconds (the driver's unit), at least 1 s, got " + Durations.text(t.connect);
        }
        if (!t.socket.isZero() && (t.statement.isZero() || t.statement.compareTo(t.socket) >= 0)) {
            return statementName + " (" + Durations.text(t.statement) + ") must be below " + socketName + " ("
                    + Durations.text(t.socket) + "), so the server cancels a slow statement before the driver drops the connection";
        }
        if (!t.statement.isZero() && t.lock.compareTo(t.statement) > 0) {
            return lockName + " (" + Durations.text(t.lock) + ") must not exceed " + statementName + " ("
                    + Durations.text(t.statement) + ")";
        }
        return null;
    }

    /** How long the pool checks an idle connection before handing it out: short, and never past the socket timeout. */
    public Duration validationTimeout() {
        Duration half = acquireTimeout.dividedBy(2);
        Duration bounded = socketTimeout.isZero() || half.compareTo(socketTimeout) < 0 ? half : socketTimeout;
        return bounded.compareTo(MIN_ACQUIRE) < 0 ? MIN_ACQUIRE : bounded;
    }

    /** The SQL run on every new connection: the server-side limits, also when zero (a role's own default would apply). */
    public String sessionSql() {
        return "SET statement_timeout = " + statementTimeout.toMillis()
                + "; SET lock_timeout = " + lockTimeout.toMillis()
                + "; SET idle_in_transaction_session_timeout = " + idleInTransactionTimeout.toMillis();
    }

    /** One line for the start log. */
    public String describe() {
        return "statement " + Durations.text(statementTimeout) + ", lock " + Durations.text(lockTimeout)
                + ", idle in transaction " + Durations.text(idleInTransactionTimeout) + ", socket "
                + Durations.text(socketTimeout) + ", connect " + Durations.text(connectTimeout) + ", wait for a connection "
                + Durations.text(acquireTimeout);
    }
}
