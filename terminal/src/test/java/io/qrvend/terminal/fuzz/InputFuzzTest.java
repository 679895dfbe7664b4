package io.qrvend.terminal.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qrvend.terminal.catalog.SlotsCsv;
import io.qrvend.terminal.config.ConfigException;
import io.qrvend.terminal.config.ConfigFile;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.payment.alipay.AlipayResponse;
import io.qrvend.terminal.payment.alipay.AlipaySignature;
import io.qrvend.terminal.payment.alipay.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Everything qrvend reads from outside, fed with arbitrary bytes: each either parses or fails with
 * its own clear error, never with anything else. In mvn verify the stored inputs are replayed (one
 * file per input under src/test/resources/io/qrvend/terminal/fuzz/InputFuzzTestInputs/METHOD/).
 */
class InputFuzzTest {
    private static final PublicKey KEY = publicKey();
    private static final int MAX_PROBLEM = 500;

    private static PublicKey publicKey() {
        try {
            Path dir = Files.createTempDirectory("fuzz-keys");
            PublicKey key = io.qrvend.terminal.payment.alipay.AlipayKeys.readPublicKey(TestKeys.copy("test_app_public.pem", dir, "rw-r--r--"));
            Files.delete(dir.resolve("test_app_public.pem"));
            Files.delete(dir);
            return key;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @FuzzTest
    void alipayAnswersParseOrAreMalformed(byte[] body) {
        try {
            AlipayResponse r = AlipayResponse.parse(new String(body, StandardCharsets.UTF_8), "alipay.trade.query");
            if (r.sign() != null) {
                // A fuzzer cannot sign with the private key: nothing it makes may verify.
                assertFalse(AlipaySignature.verify(r.signedText(), r.sign(), KEY));
            }
        } catch (AlipayResponse.Malformed expected) {
            // rejected, as it must be
        }
    }

    @FuzzTest
    void configurationsParseOrNameTheirProblems(byte[] text) {
        try {
            TerminalConfig.read(ConfigFile.read("fuzz.conf", text));
        } catch (ConfigException expected) {
            // Named problems, each short enough to read: a huge value or key is cut, never printed whole.
            for (String problem : expected.problems()) {
                if (problem.length() > MAX_PROBLEM) {
                    throw new AssertionError("a problem of " + problem.length() + " characters: " + problem.substring(0, MAX_PROBLEM));
                }
            }
        }
    }

    @FuzzTest
    void slotCsvParsesOrNamesTheLine(byte[] text) {
        try {
            SlotsCsv.parse(new String(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith("line ")) {
                throw new AssertionError("a CSV error must name its line: " + e.getMessage(), e);
            }
        }
    }
}
