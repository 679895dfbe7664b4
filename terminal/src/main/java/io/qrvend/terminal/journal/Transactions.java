package io.qrvend.terminal.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The journal file's one connection and its transactions, shared by the sales, the catalog and the
 * audit log so that a change spanning them (a vend and its stock, a catalog change and its audit
 * row) is one commit. Used by one thread at a time.
 */
final class Transactions implements AutoCloseable {
    /** Work inside a transaction; statements are prepared on {@code c}, whose statements are cached. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Connection connection;
    private final String file;

    Transactions(Connection connection, String file) {
        this.connection = connection;
        this.file = file;
    }

    /** Opens (creating if needed) and migrates the journal at {@code path}. */
    static Transactions open(Path path, Durability durability) {
        String file = path.toString();
        Path dir = path.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new JournalException("journal " + file + ": directory " + dir + " does not exist");
        }
        Connection c = null;
        try {
            Properties properties = new Properties();
            // Otherwise the driver runs a regular expression and "SELECT last_insert_rowid()" after
            // every INSERT; the journal reads new ids with RETURNING.
            properties.setProperty("jdbc.get_generated_keys", "false");
            c = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                if (durability == Durability.OFF) {
                    // The campaign's throwaway journals have one process only: holding the lock
                    // spares the shared-memory locking of every WAL transaction.
                    st.execute("PRAGMA locking_mode = EXCLUSIVE");
                }
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                    if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
                        throw new JournalException("journal " + file + ": could not switch to WAL mode");
                    }
                }
                st.execute("PRAGMA synchronous = " + durability.name());
                st.execute("PRAGMA foreign_keys = ON");
            }
            Schema.migrate(c, file);
            return new Transactions(StatementCache.wrap(c), file);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new JournalException("journal " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    String file() {
        return file;
    }

    /** Reads outside an explicit transaction (each statement sees one consistent snapshot). */
    <T> T read(Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * One write transaction. BEGIN IMMEDIATE takes the write lock at once, so the daemon and a
     * technician's command wait for each other (busy_timeout) instead of failing halfway; the
     * statements are explicit because the driver's autocommit switching costs four round trips.
     *
     * <p>When the work or the commit fails, the first failure is the one reported: SQLite rolls some
     * failures back by itself (a full disk), and the ROLLBACK that then finds no transaction is only
     * attached as suppressed, never allowed to hide the cause.
     */
    <T> T write(Work<T> work) {
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw failure(e);
        }
        try {
            T result = work.run(connection);
            execute("COMMIT");
            return result;
        } catch (SQLException e) {
            JournalException failure = failure(e);
            rollbackAfter(failure);
            throw failure;
        } catch (RuntimeException | Error e) {
            rollbackAfter(e);
            throw e;
        }
    }

    private void rollbackAfter(Throwable cause) {
        try {
            execute("ROLLBACK");
        } catch (SQLException | RuntimeException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }

    private JournalException failure(SQLException e) {
        return new JournalException("journal " + file + ": " + e.getMessage(), e);
    }

    private void execute(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.execute();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new JournalException("journal " + file + ": close failed: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the open already failed; that error is the one to report
            }
        }
    }
}
