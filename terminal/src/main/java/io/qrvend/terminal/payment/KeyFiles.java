package io.qrvend.terminal.payment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;
import javax.crypto.EncryptedPrivateKeyInfo;

/**
 * Reads the RSA keys of a wallet set-up: a private key of ours (PKCS#8, as PEM or as the bare Base64
 * text Alipay's key tool produces), a wallet's public key (X.509 SubjectPublicKeyInfo, likewise) and
 * a wallet's certificate (X.509, PEM). Errors name the file and never quote its content; the advice
 * in them (how to make a new key, which key to name) is the wallet's, given as an {@link Advice}.
 *
 * <p>A key file is looked at before it is opened: only a regular file of at most {@link #MAX_BYTES}
 * is read ({@code /dev/zero} or a 60 MB file once ended in an OutOfMemoryError, a FIFO blocked
 * {@code config check} forever). A symbolic link is followed and its target is what is checked.
 * Like ssh, a private key must belong to the user qrvend runs as and be readable by it alone, and
 * an RSA key must have at least {@link #MIN_BITS} bits.
 */
public final class KeyFiles {
    /** A 4096-bit PEM key is about 3.3 KB; anything past this is not a key file. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Both wallets use 2048-bit RSA keys; shorter ones are breakable. */
    public static final int MIN_BITS = 2048;

    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private KeyFiles() {
    }

    /**
     * What an error message tells the technician, per wallet.
     *
     * @param scheme the signature scheme that needs 2048 bits, e.g. "Alipay's RSA2"
     * @param keyFileName the usual name of the private key file, e.g. app_private.pem
     * @param afterNewKey what to do with a newly made key, e.g. "give its public key to Alipay"
     * @param configKey the key naming the private key file, e.g. alipay.app_private_key
     */
    public record Advice(String scheme, String keyFileName, String afterNewKey, String configKey) {
        String plainFileName() {
            return keyFileName.replaceFirst("\\.pem$", "") + "_plain.pem";
        }
    }

    /** Reads a private key, refusing a file owned by another user or that group or others may read. */
    public static PrivateKey readPrivateKey(Path file, Advice advice) {
        PosixFileAttributes attributes = keyFile(file);
        checkOwnedByUs(file, attributes);
        checkNotShared(file, attributes);
        byte[] der = decode(file, read(file), "PRIVATE KEY", advice);
        RSAPrivateKey key;
        try {
            key = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            if (isEncrypted(der)) {
                throw encrypted(file, advice);
            }
            throw new KeyFileException(file + ": not an RSA private key in PKCS#8 form");
        }
        checkBits(file, key.getModulus().bitLength(), advice);
        return key;
    }

    public static PublicKey readPublicKey(Path file, Advice advice) {
        keyFile(file);
        byte[] der = decode(file, read(file), "PUBLIC KEY", advice);
        RSAPublicKey key;
        try {
            key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new KeyFileException(file + ": not an RSA public key (X.509 SubjectPublicKeyInfo)");
        }
        checkBits(file, key.getModulus().bitLength(), advice);
        return key;
    }

    /**
     * Reads an X.509 certificate in PEM (a WeChat Pay platform certificate); it must hold an RSA key
     * of at least {@link #MIN_BITS} bits. Whether it is valid now is the caller's question, asked at
     * each use: a certificate that expires while the daemon runs must stop being believed then.
     */
    public static X509Certificate readCertificate(Path file, Advice advice) {
        keyFile(file);
        byte[] der = decode(file, read(file), "CERTIFICATE", advice);
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new KeyFileException(file + ": not an X.509 certificate");
        }
        if (!(certificate.getPublicKey() instanceof RSAPublicKey key)) {
            throw new KeyFileException(file + ": the certificate does not hold an RSA key");
        }
        checkBits(file, key.getModulus().bitLength(), advice);
        return certificate;
    }

    /** A private key others can read is no longer private: refuse it, naming the file and the fix. */
    public static void checkNotShared(Path file) {
        checkNotShared(file, keyFile(file));
    }

    private static void checkNotShared(Path file, PosixFileAttributes attributes) {
        for (PosixFilePermission p : SHARED) {
            if (attributes.permissions().contains(p)) {
                throw new KeyFileException(file + " is readable or writable by group or others; run: chmod 600 " + file);
            }
        }
    }

    /**
     * A private key owned by another user can be read or replaced by that user: refuse it, as ssh
     * does. The daemon runs as qrvend, so its key belongs to qrvend (and is checked as qrvend).
     */
    private static void checkOwnedByUs(Path file, PosixFileAttributes attributes) {
        UserPrincipal owner = attributes.owner();
        UserPrincipal us = currentUser();
        if (!owner.equals(us)) {
            throw new KeyFileException(file + " belongs to " + owner.getName() + ", not to " + us.getName()
                    + " who runs qrvend; run: chown " + us.getName() + " " + file + " (or check it as its owner: sudo -u "
                    + owner.getName() + " qrvend ...)");
        }
    }

    /** The user this process runs as, as the file system names owners. */
    private static UserPrincipal currentUser() {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException e) {
            throw new KeyFileException("cannot tell which user runs qrvend (" + System.getProperty("user.name") + "): " + e.getMessage());
        }
    }

    private static void checkBits(Path file, int bits, Advice advice) {
        if (bits < MIN_BITS) {
            throw new KeyFileException(file + " holds a " + bits + "-bit RSA key; at least " + MIN_BITS
                    + " bits are needed (" + advice.scheme() + "): make a new key pair, e.g. openssl genpkey -algorithm RSA"
                    + " -pkeyopt rsa_keygen_bits:2048 -out " + advice.keyFileName() + ", and " + advice.afterNewKey());
        }
    }

    /** The attributes of the file a key path names (following a link), refusing all but a regular file of sane size. */
    private static PosixFileAttributes keyFile(Path file) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": no such file");
        } catch (UnsupportedOperationException e) {
            throw new KeyFileException(file + ": cannot check its owner and permissions on this file system");
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        if (attributes.isDirectory()) {
            throw new KeyFileException(file + " is a directory, not a key file");
        }
        if (!attributes.isRegularFile()) {
            throw new KeyFileException(file + " is not a regular file (a device, FIFO or socket); give the path of the key file");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new KeyFileException(file + " is " + attributes.size() + " bytes; a key file is at most " + MAX_BYTES
                    + " (is this the key file?)");
        }
        return attributes;
    }

    /** At most {@link #MAX_BYTES}, even if the file grew since it was looked at. */
    private static byte[] read(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_BYTES) {
            throw new KeyFileException(file + " is over " + MAX_BYTES + " bytes; a key file is at most that (is this the key file?)");
        }
        return bytes;
    }

    /** DER that parses as PKCS#8 EncryptedPrivateKeyInfo: the bare Base64 form of an encrypted key. */
    private static boolean isEncrypted(byte[] der) {
        try {
            new EncryptedPrivateKeyInfo(der);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static KeyFileException encrypted(Path file, Advice advice) {
        String plain = advice.plainFileName();
        return new KeyFileException(file + " holds an encrypted private key; qrvend starts unattended and has no passphrase to give, so"
                + " decrypt it (asks for the passphrase): openssl pkcs8 -in " + file + " -out " + plain + ", then chmod 600"
                + " " + plain + " and name it in " + advice.configKey());
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(Path file, byte[] bytes, String type, Advice advice) {
        for (byte b : bytes) {
            if (b < 0) {
                throw new KeyFileException(file + ": not a key in text form (PEM or Base64): it holds bytes that are not ASCII");
            }
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw encrypted(file, advice);
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new KeyFileException(file + " holds a PKCS#1 key; convert it with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out " + advice.keyFileName());
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        String body = text;
        if (text.contains("-----BEGIN")) {
            int b = text.indexOf(begin);
            int e = text.indexOf(end);
            if (b < 0 || e < b) {
                throw new KeyFileException(file + ": expected a PEM block '" + begin + "'");
            }
            body = text.substring(b + begin.length(), e);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": not Base64 key text");
        }
        if (der.length == 0) {
            throw new KeyFileException(file + ": the key is empty");
        }
        return der;
    }

    /** A key file that cannot be used; the message names the file and says why. */
    public static class KeyFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public KeyFileException(String message) {
            super(message);
        }
    }
}
