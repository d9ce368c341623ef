package org.pleura.server.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One database with a small pool of connections. Work runs as a function of a connection, so a connection is
 * always returned and a transaction always committed or rolled back:
 *
 * <pre>{@code
 * long n = db.read(c -> count(c, "SELECT COUNT(*) FROM jobs"));
 * db.transaction(c -> { insertInstance(c, ...); insertJob(c, ...); return null; });   // both or neither
 * }</pre>
 *
 * <p>Opening also takes the single-server guard: H2 locks its file; on PostgreSQL a session advisory lock is
 * held on a dedicated connection, released by the server's death (even {@code kill -9}), so a restart never waits.
 * On H2 every commit is written to the file before it returns ({@code WRITE_DELAY 0}): a killed process loses no
 * committed transaction.
 */
public final class Database implements AutoCloseable {

    private static final long ADVISORY_LOCK_KEY = 0x706C65757261L; // "pleura"
    private static final long VALIDATE_AFTER_IDLE_MS = 30_000;

    private final String url;
    private final Properties credentials;
    private final Dialect dialect;
    private final int maxConnections;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final Deque<Idle> idle = new ArrayDeque<>();
    private int open;
    private volatile boolean closed;
    private Connection guard;

    private record Idle(Connection connection, long since) {
    }

    private Database(String url, String user, String password, int maxConnections) {
        this.url = url;
        this.dialect = Dialect.of(url);
        this.credentials = new Properties();
        if (!user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        this.maxConnections = maxConnections;
    }

    /**
     * Opens the database, takes the single-server guard and brings the schema up to date.
     *
     * @throws DatabaseException if it cannot be reached, another server holds it, or a migration fails
     */
    public static Database open(String url, String user, String password, int maxConnections) {
        Database db = new Database(url, user, password, maxConnections);
        try {
            db.guard = db.connect();
            if (db.dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement s = db.guard.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    s.setLong(1, ADVISORY_LOCK_KEY);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (!r.getBoolean(1)) {
                            throw new DatabaseException("another pleura serve is using database " + url
                                    + "; one server per database");
                        }
                    }
                }
            } else {
                try (Statement s = db.guard.createStatement()) {
                    s.execute("SET WRITE_DELAY 0");
                }
            }
            Migrations.apply(db);
            return db;
        } catch (SQLException e) {
            db.close();
            throw new DatabaseException(describe(url, e), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static String describe(String url, SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (m.contains("already in use") || m.contains("Database may be already in use")) {
            return "another process (another pleura serve?) is using the embedded database " + url;
        }
        return "cannot open database " + url + ": " + m.lines().findFirst().orElse(m);
    }

    /** H2 or PostgreSQL. */
    public Dialect dialect() {
        return dialect;
    }

    /** The JDBC URL (never holds the password: it is passed separately). */
    public String url() {
        return url;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T transaction(SqlWork<T> work) {
        Connection c = borrow();
        boolean broken = false;
        try {
            c.setAutoCommit(false);
            T out = work.run(c);
            c.commit();
            return out;
        } catch (SQLException e) {
            broken = rollback(c) || isConnectionError(e);
            throw new DatabaseException("database operation failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            broken = rollback(c);
            throw e;
        } finally {
            giveBack(c, broken);
        }
    }

    /**
     * Like {@link #transaction} but retried (up to {@code attempts} times in all) when the database reports a
     * unique-constraint violation or a serialization failure, i.e. a concurrent transaction inserted the same row.
     */
    public <T> T transactionRetrying(int attempts, SqlWork<T> work) {
        for (int i = 1; ; i++) {
            try {
                return transaction(work);
            } catch (DatabaseException e) {
                if (i >= attempts || !(e.getCause() instanceof SQLException se) || !isConflict(se)) {
                    throw e;
                }
            }
        }
    }

    /** Runs read-only {@code work} with auto-commit. */
    public <T> T read(SqlWork<T> work) {
        Connection c = borrow();
        boolean broken = false;
        try {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            broken = isConnectionError(e);
            throw new DatabaseException("database query failed: " + e.getMessage(), e);
        } finally {
            giveBack(c, broken);
        }
    }

    /** True if the database answers within two seconds. */
    public boolean isHealthy() {
        try {
            return read(c -> c.isValid(2));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True for a unique-constraint violation (SQLState 23505) or serialization failure (40001). */
    public static boolean isConflict(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if ("23505".equals(state) || "40001".equals(state)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionError(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    private Connection borrow() {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new DatabaseException("database " + url + " is closed");
                }
                Idle i = idle.pollLast();
                if (i != null) {
                    if (System.currentTimeMillis() - i.since() > VALIDATE_AFTER_IDLE_MS && !valid(i.connection())) {
                        quietClose(i.connection());
                        open--;
                        continue;
                    }
                    return i.connection();
                }
                if (open < maxConnections) {
                    open++;
                    break;
                }
                if (!returned.await(30, TimeUnit.SECONDS)) {
                    throw new DatabaseException("no database connection free after 30 s (" + maxConnections + " in use)");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for a database connection", e);
        } finally {
            lock.unlock();
        }
        try {
            return connect();
        } catch (SQLException e) {
            lock.lock();
            try {
                open--;
                returned.signal();
            } finally {
                lock.unlock();
            }
            throw new DatabaseException(describe(url, e), e);
        }
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void giveBack(Connection c, boolean broken) {
        lock.lock();
        try {
            if (broken || closed) {
                quietClose(c);
                open--;
            } else {
                idle.addLast(new Idle(c, System.currentTimeMillis()));
            }
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing a broken connection
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            for (Idle i : idle) {
                quietClose(i.connection());
                open--;
            }
            idle.clear();
            returned.signalAll();
        } finally {
            lock.unlock();
        }
        if (guard != null) {
            if (dialect == Dialect.H2) {
                try (Statement s = guard.createStatement()) {
                    s.execute("SHUTDOWN");
                } catch (SQLException ignored) {
                    // already closed
                }
            }
            quietClose(guard);
            guard = null;
        }
    }
}
