package io.qrvend.terminal.payment.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlipayKeysTest {
    @TempDir
    Path dir;

    @Test
    void readsPemAndBareBase64Alike() throws Exception {
        PrivateKey pem = TestKeys.appPrivate(dir);
        String pemText = TestKeys.text("test_app_private.pem");
        String bare = pemText.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        Path bareFile = dir.resolve("bare.txt");
        Files.writeString(bareFile, bare);
        Files.setPosixFilePermissions(bareFile, PosixFilePermissions.fromString("rw-------"));
        assertEquals(pem, AlipayKeys.readPrivateKey(bareFile));

        PublicKey pub = TestKeys.appPublic(dir);
        Path barePub = dir.resolve("bare_pub.txt");
        Files.writeString(barePub, TestKeys.text("test_app_public.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        assertEquals(pub, AlipayKeys.readPublicKey(barePub));
    }

    @Test
    void privateKeyReadableByOthersIsRefusedByName() {
        Path shared = TestKeys.copy("test_app_private.pem", dir, "rw-r--r--");
        AlipayKeys.KeyFileException e = assertThrows(AlipayKeys.KeyFileException.class, () -> AlipayKeys.readPrivateKey(shared));
        assertTrue(e.getMessage().contains(shared.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void errorsNeverQuoteTheKey() throws Exception {
        Path broken = dir.resolve("broken.pem");
        String secretish = "-----BEGIN PRIVATE KEY-----\nMIIsecretSECRETsecret\n-----END PRIVATE KEY-----\n";
        Files.writeString(broken, secretish);
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rw-------"));
        AlipayKeys.KeyFileException e = assertThrows(AlipayKeys.KeyFileException.class, () -> AlipayKeys.readPrivateKey(broken));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
    }

    @Test
    void pkcs1KeyGetsTheConversionCommand() throws Exception {
        Path pkcs1 = dir.resolve("rsa.pem");
        Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(pkcs1, PosixFilePermissions.fromString("rw-------"));
        AlipayKeys.KeyFileException e = assertThrows(AlipayKeys.KeyFileException.class, () -> AlipayKeys.readPrivateKey(pkcs1));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        AlipayKeys.KeyFileException e = assertThrows(AlipayKeys.KeyFileException.class, () -> AlipayKeys.readPublicKey(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void writtenPemReadsBack() throws Exception {
        PrivateKey key = TestKeys.appPrivate(dir);
        Path out = dir.resolve("again.pem");
        Files.writeString(out, AlipayKeys.privatePem(key));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        assertEquals(key, AlipayKeys.readPrivateKey(out));
    }
}
