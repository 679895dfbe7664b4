package io.qrvend.terminal.payment.alipay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;

/** The OpenSSL-made test keys in {@code src/test/resources/alipay}, copied out with mode 600 (git keeps no modes). */
public final class TestKeys {
    private TestKeys() {
    }

    public static Path copy(String resource, Path dir, String mode) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/alipay/" + resource)) {
            Path file = dir.resolve(resource);
            Files.copy(in, file);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrivateKey appPrivate(Path dir) {
        return AlipayKeys.readPrivateKey(copy("test_app_private.pem", dir, "rw-------"));
    }

    static PublicKey appPublic(Path dir) {
        return AlipayKeys.readPublicKey(copy("test_app_public.pem", dir, "rw-r--r--"));
    }

    static String text(String resource) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/alipay/" + resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
