package io.qrvend.sim.cli;

import io.qrvend.sim.backend.BackendServer;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the two RSA key pairs of a test set-up: the terminal's app keys and the simulator's "Alipay" keys. */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Write app_private.pem, app_public.pem, alipay_private.pem and alipay_public.pem (RSA 2048) to DIR.")
public final class KeysCommand implements Callable<Integer> {
    public static final List<String> FILES = List.of("app_private.pem", "app_public.pem", "alipay_private.pem", "alipay_public.pem");

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
        for (String f : FILES) {
            if (Files.exists(out.resolve(f))) {
                System.err.println("qrvend-sim keys: " + out.resolve(f) + " already exists; not overwriting keys");
                return 1;
            }
        }
        write(out);
        System.out.println("wrote " + FILES + " to " + out);
        return 0;
    }

    /** Writes fresh key pairs into {@code dir}; private keys with mode 600, as the terminal demands. */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        KeyPair app = BackendServer.newKeyPair();
        KeyPair alipay = BackendServer.newKeyPair();
        writePrivate(dir.resolve("app_private.pem"), AlipayKeys.privatePem(app.getPrivate()));
        Files.writeString(dir.resolve("app_public.pem"), AlipayKeys.publicPem(app.getPublic()));
        writePrivate(dir.resolve("alipay_private.pem"), AlipayKeys.privatePem(alipay.getPrivate()));
        Files.writeString(dir.resolve("alipay_public.pem"), AlipayKeys.publicPem(alipay.getPublic()));
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem);
    }
}
