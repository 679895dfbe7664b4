package io.qrvend.sim.backend;

import io.qrvend.terminal.payment.alipay.AlipayKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;

/**
 * The key files of a test set-up: the terminal's app key pair (the terminal signs with the private
 * key, the simulated backend verifies with the public one) and the simulated Alipay's pair (the other
 * way round). Written by {@code qrvend-sim keys} and by the live terminal of the demo and tests.
 */
public final class KeyFiles {
    public static final List<String> FILES = List.of("app_private.pem", "app_public.pem", "alipay_private.pem", "alipay_public.pem");

    private KeyFiles() {
    }

    /** Writes fresh RSA 2048 key pairs into {@code dir} (created if missing); private keys with mode 600, as the terminal demands. */
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
