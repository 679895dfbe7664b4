package io.qrvend.terminal.journal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The journal's schema, one migration per version, applied in order and recorded in
 * {@code PRAGMA user_version}. A migration is never edited once released; a change is a new one.
 */
final class Schema {
    private static final List<String> MIGRATIONS = List.of(
            // 1: sales, their append-only history, the catalog, counters
            """
            CREATE TABLE sales (
              id                INTEGER PRIMARY KEY,
              order_no          TEXT    NOT NULL UNIQUE,
              slot_id           TEXT    NOT NULL,
              product_name      TEXT    NOT NULL,
              channel           INTEGER NOT NULL,
              sensor            INTEGER NOT NULL,
              drop_window_ms    INTEGER NOT NULL,
              price_fen         INTEGER NOT NULL CHECK (price_fen > 0),
              state             TEXT    NOT NULL,
              created_at        INTEGER NOT NULL,
              awaiting_since    INTEGER,
              qr_code           TEXT,
              cancel_sent       INTEGER NOT NULL DEFAULT 0,
              paid_at           INTEGER,
              paid_fen          INTEGER NOT NULL DEFAULT 0,
              refund_request_no TEXT,
              refunded_fen      INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen <= paid_fen),
              updated_at        INTEGER NOT NULL
            );
            CREATE INDEX sales_unfinished ON sales(state)
              WHERE state NOT IN ('VENDED', 'REFUNDED', 'CANCELLED', 'FAILED');
            CREATE INDEX sales_created_at ON sales(created_at);
            CREATE TABLE sale_events (
              id         INTEGER PRIMARY KEY,
              sale_id    INTEGER NOT NULL REFERENCES sales(id),
              at         INTEGER NOT NULL,
              from_state TEXT,
              to_state   TEXT    NOT NULL,
              cause      TEXT    NOT NULL
            );
            CREATE INDEX sale_events_sale ON sale_events(sale_id);
            CREATE TRIGGER sale_events_no_update BEFORE UPDATE ON sale_events
              BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
            CREATE TRIGGER sale_events_no_delete BEFORE DELETE ON sale_events
              BEGIN SELECT RAISE(ABORT, 'sale_events is append-only'); END;
            CREATE TABLE catalog (
              slot_id        TEXT    PRIMARY KEY,
              name           TEXT    NOT NULL,
              price_fen      INTEGER NOT NULL,
              channel        INTEGER NOT NULL CHECK (channel >= 1),
              sensor         INTEGER NOT NULL,
              stock          INTEGER NOT NULL CHECK (stock >= 0),
              enabled        INTEGER NOT NULL,
              drop_window_ms INTEGER
            );
            CREATE TABLE counters (
              name  TEXT    PRIMARY KEY,
              value INTEGER NOT NULL
            );
            """,
            // 2: relay pulses a technician fired by hand; they are not sales and move no stock
            """
            CREATE TABLE test_vends (
              id       INTEGER PRIMARY KEY,
              at       INTEGER NOT NULL,
              channel  INTEGER NOT NULL,
              pulse_ms INTEGER NOT NULL,
              outcome  TEXT    NOT NULL
            );
            """,
            // 3: every catalog change a technician made, for audits ("who set A1 to 0.01?")
            """
            CREATE TABLE catalog_events (
              id      INTEGER PRIMARY KEY,
              at      INTEGER NOT NULL,
              slot_id TEXT    NOT NULL,
              change  TEXT    NOT NULL
            );
            CREATE TRIGGER catalog_events_no_update BEFORE UPDATE ON catalog_events
              BEGIN SELECT RAISE(ABORT, 'catalog_events is append-only'); END;
            """,
            // 4: what qrvend reconcile found: a sale whose journal and backend disagree
            """
            CREATE TABLE reconciliations (
              id         INTEGER PRIMARY KEY,
              at         INTEGER NOT NULL,
              sale_id    INTEGER NOT NULL REFERENCES sales(id),
              order_no   TEXT    NOT NULL,
              difference TEXT    NOT NULL
            );
            """,
            // 5: steps of the wall clock the terminal noticed. (sales --since, report and reconcile
            // select by the created_at index of schema 1; a covering index for the report was tried and
            // dropped: it holds state and amounts, so every transition rewrote it, a cost on each sale
            // for a query a technician runs once a day and that reads a day's rows in milliseconds.)
            """
            CREATE TABLE clock_steps (
              id      INTEGER PRIMARY KEY,
              at      INTEGER NOT NULL,
              step_ms INTEGER NOT NULL
            );
            """,
            // 6: a second wallet. Each row of sales is one order at one wallet; the orders one
            // selection opened (one per configured wallet) share a group, named by the id of the
            // first. Sales from before are single Alipay orders, each its own group.
            """
            ALTER TABLE sales ADD COLUMN wallet TEXT NOT NULL DEFAULT 'alipay';
            ALTER TABLE sales ADD COLUMN group_id INTEGER;
            UPDATE sales SET group_id = id;
            CREATE INDEX sales_group ON sales(group_id);
            """);

    static final int CURRENT = MIGRATIONS.size();

    private Schema() {
    }

    /** Brings the file at {@code file} to the current version; refuses a newer one. */
    static int migrate(Connection c, String file) throws SQLException {
        return migrate(c, file, CURRENT);
    }

    /** Brings the file up to {@code target}: tests make the journals of older releases with it. */
    static int migrate(Connection c, String file, int target) throws SQLException {
        int version = userVersion(c);
        if (version > CURRENT) {
            throw new JournalException("journal " + file + " has schema version " + version
                    + ", newer than this qrvend understands (" + CURRENT + "); install the newer qrvend");
        }
        for (int v = version; v < target; v++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v).split(";\\s*\\n(?=CREATE|ALTER|DROP|INSERT|UPDATE)")) {
                    st.execute(sql);
                }
                st.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return target;
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
