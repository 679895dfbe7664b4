package io.qrvend.terminal.payment.alipay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
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

    private Path privateFile(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String refusal(Path file, boolean privateKey) {
        return assertThrows(AlipayKeys.KeyFileException.class,
                () -> {
                    if (privateKey) {
                        AlipayKeys.readPrivateKey(file);
                    } else {
                        AlipayKeys.readPublicKey(file);
                    }
                }).getMessage();
    }

    @Test
    void onlyARegularFileOfSaneSizeIsRead() throws Exception {
        assertEquals("/dev/zero is not a regular file (a device, FIFO or socket); give the path of the key file",
                refusal(Path.of("/dev/zero"), true));
        assertEquals(dir + " is a directory, not a key file", refusal(dir, false));

        // A FIFO with no writer blocks whoever opens it: it must be refused without being opened.
        Path fifo = dir.resolve("key.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).inheritIO().start().waitFor());
        assertEquals(fifo + " is not a regular file (a device, FIFO or socket); give the path of the key file", refusal(fifo, true));
        assertEquals(fifo + " is not a regular file (a device, FIFO or socket); give the path of the key file", refusal(fifo, false));

        Path big = dir.resolve("big.pem");
        try (RandomAccessFile out = new RandomAccessFile(big.toFile(), "rw")) {
            out.setLength(60L << 20); // a sparse 60 MB file: the size is what matters
        }
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-------"));
        assertEquals(big + " is 62914560 bytes; a key file is at most 65536 (is this the key file?)", refusal(big, true));
        assertEquals(big + " is 62914560 bytes; a key file is at most 65536 (is this the key file?)", refusal(big, false));
    }

    @Test
    void aSymlinkIsFollowedAndItsTargetChecked() throws Exception {
        Path key = TestKeys.copy("test_app_private.pem", dir, "rw-------");
        Path link = Files.createSymbolicLink(dir.resolve("current.pem"), key);
        assertEquals(AlipayKeys.readPrivateKey(key), AlipayKeys.readPrivateKey(link));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(refusal(link, true).contains("is readable or writable by group or others"));
        Path toDevice = Files.createSymbolicLink(dir.resolve("zero.pem"), Path.of("/dev/zero"));
        assertTrue(refusal(toDevice, true).contains("is not a regular file"));
    }

    @Test
    void aPrivateKeyOwnedByAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file to another user");
        Path key = TestKeys.copy("test_app_private.pem", dir, "rw-------");
        Files.setOwner(key, key.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertEquals(key + " belongs to nobody, not to root who runs qrvend; run: chown root " + key
                + " (or check it as its owner: sudo -u nobody qrvend ...)", refusal(key, true));
        // A public key is public: whoever owns it, it is read.
        Path pub = TestKeys.copy("test_app_public.pem", dir, "rw-r--r--");
        Files.setOwner(pub, key.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        AlipayKeys.readPublicKey(pub);
    }

    @Test
    void rsaKeysUnder2048BitsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        KeyPair weak = generator.generateKeyPair();
        Path priv = privateFile("weak.pem", AlipayKeys.privatePem(weak.getPrivate()));
        Path pub = dir.resolve("weak_pub.pem");
        Files.writeString(pub, AlipayKeys.publicPem(weak.getPublic()));
        String expected = " holds a 1024-bit RSA key; at least 2048 bits are needed (Alipay's RSA2): make a new key pair, e.g. openssl genpkey"
                + " -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out app_private.pem, and give its public key to Alipay";
        assertEquals(priv + expected, refusal(priv, true));
        assertEquals(pub + expected, refusal(pub, false));
    }

    @Test
    void anEncryptedKeyIsNamedWithTheCommandThatDecryptsIt() throws Exception {
        PrivateKey key = TestKeys.appPrivate(dir);
        char[] passphrase = "secret passphrase".toCharArray();
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String algorithm = "PBEWithSHA1AndDESede"; // one the JDK can write into EncryptedPrivateKeyInfo
        SecretKey pbeKey = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(passphrase));
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, pbeKey, new PBEParameterSpec(salt, 10_000));
        byte[] encrypted = new EncryptedPrivateKeyInfo(cipher.getParameters(), cipher.doFinal(key.getEncoded())).getEncoded();
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encrypted);

        Path pem = privateFile("encrypted.pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + base64 + "\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertEquals(pem + " holds an encrypted private key; qrvend starts unattended and has no passphrase to give, so decrypt it (asks for"
                + " the passphrase): openssl pkcs8 -in " + pem + " -out app_private_plain.pem, then chmod 600 app_private_plain.pem and name it"
                + " in alipay.app_private_key", refusal(pem, true));
        // The same key as bare Base64, the form Alipay's key tool writes, is recognised too.
        Path bare = privateFile("encrypted.txt", base64.replace("\n", ""));
        assertTrue(refusal(bare, true).startsWith(bare + " holds an encrypted private key"));
    }

    @Test
    void binaryBytesAreNotKeyText() throws Exception {
        Path der = dir.resolve("key.der");
        Files.write(der, TestKeys.appPrivate(dir).getEncoded());
        Files.setPosixFilePermissions(der, PosixFilePermissions.fromString("rw-------"));
        assertEquals(der + ": not a key in text form (PEM or Base64): it holds bytes that are not ASCII", refusal(der, true));
    }
}
