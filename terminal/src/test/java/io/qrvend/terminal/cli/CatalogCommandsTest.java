package io.qrvend.terminal.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qrvend.terminal.journal.Durability;
import io.qrvend.terminal.journal.Journal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The catalog and journal commands on a real journal file, with no daemon running. */
class CatalogCommandsTest {
    @TempDir
    Path dir;
    String config;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void writeConfig() throws Exception {
        Path file = dir.resolve("qrvend.conf");
        Files.writeString(file, "journal.path=" + dir.resolve("journal.db") + "\ncontrol.socket=" + dir.resolve("control.sock")
                + "\nrelay.type=lcus\nrelay.port=/dev/ttyUSB0\n");
        config = file.toString();
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cl = QrvendCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config;
        return cl.execute(all);
    }

    @Test
    void slotsAreSetListedExportedAndImportedAndEveryChangeIsJournaled() throws Exception {
        assertEquals(0, run("slot", "set", "A1", "--name", "Cola", "--price", "3.50", "--channel", "1", "--stock", "4"), err.toString());
        assertEquals(0, run("slot", "set", "A1", "--price", "4"), err.toString());
        assertEquals(0, run("slot", "disable", "A1"));
        assertEquals(0, run("slots"));
        assertTrue(out.toString().contains("A1     Cola                     4.00       1     4    yes      no"), out.toString());
        Path csv = dir.resolve("slots.csv");
        assertEquals(0, run("slots", "export", csv.toString()));
        Files.writeString(csv, Files.readString(csv) + "B1,Water,2.00,2,9,no,yes,\n");
        assertEquals(0, run("slots", "import", csv.toString()), err.toString());
        assertEquals(0, run("slots", "--json"));
        assertTrue(out.toString().contains("\"slot\" : \"B1\""), out.toString());
        try (Journal journal = Journal.open(dir.resolve("journal.db"), Durability.FULL)) {
            assertEquals(5, journal.audit().catalogChanges().size(), "set, set, disable, and the import of A1 and B1");
            assertTrue(journal.audit().catalogChanges().get(1).change().startsWith("slot set: Slot[id=A1, name=Cola, priceFen=350"),
                    journal.audit().catalogChanges().get(1).change());
        }
    }

    @Test
    void aMalformedImportNamesTheLineAndImportsNothing() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "slot,name,price,channel,stock,sensor,enabled,drop_window\nA1,Cola,3.50,1,5,yes,yes,\nA2,Tea,3.505,2,5,yes,yes,\n");
        assertEquals(1, run("slots", "import", csv.toString()));
        assertTrue(err.toString().contains(csv + ": line 3: "), err.toString());
        assertTrue(err.toString().contains("nothing was imported"), err.toString());
        assertEquals(0, run("slots", "--json"));
        assertEquals("[ ]", out.toString().trim());
    }

    @Test
    void typedOptionsReachTheSlot() {
        assertEquals(0, run("slot", "set", "B2", "--name", "Water", "--price", "2.5", "--channel", "2", "--sensor", "no", "--drop-window", "3s"),
                err.toString());
        assertEquals("slot B2: Water 2.50, channel 2, stock 0, no drop sensor", out.toString().strip());
        assertEquals(0, run("slots", "export", dir.resolve("out.csv").toString()), err.toString());
        assertTrue(assertDoesNotThrow(() -> Files.readString(dir.resolve("out.csv"))).contains("B2,Water,2.50,2,0,no,yes,3s"));
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertEquals(2, run("slot", "set", "A1", "--name", "Cola"));
        assertTrue(err.toString().contains("slot A1 is new: give at least --name, --price and --channel"), err.toString());
        assertEquals(2, run("slot", "set", "A1", "--name", "Cola", "--price", "free", "--channel", "1"));
        assertEquals(2, run("slot", "set", "A1", "--name", "Cola", "--price", "1", "--channel", "0"));
        assertEquals(2, run("slot", "set", "A1", "--name", "Cola", "--price", "1", "--channel", "1", "--sensor", "maybe"));
        assertEquals(2, run("slot", "set", "A1", "--name", "Cola", "--price", "1", "--channel", "1", "--drop-window", "3"));
        assertEquals(2, run("slot"));
        assertEquals(2, run("slot", "enable"));
        assertEquals(1, run("slot", "enable", "Z9"));
        assertTrue(err.toString().contains("there is no slot Z9"), err.toString());
        assertEquals(2, run("sales", "--since", "yesterday"));
        assertEquals(2, run("report", "--day", "22/11/2026"));
        assertEquals(2, run("sell"));
        assertEquals(2, run("status", "--jason"));
        assertEquals(1, run("cancel"));
        assertTrue(err.toString().contains("qrvend is not running"), err.toString());
    }

    @Test
    void salesAndReportOfAnEmptyJournal() {
        assertEquals(0, run("sales", "--csv"));
        assertEquals("id,order,created,slot,product,price,state,paid,refunded,wallet,group", out.toString().trim());
        assertEquals(0, run("report", "--day", "2026-11-22", "--json"));
        assertTrue(out.toString().contains("\"net\" : \"0.00\""), out.toString());
    }
}
