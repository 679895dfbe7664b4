package io.qrvend.terminal.payment.alipay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Reads the RSA keys of an Alipay set-up: the app private key (PKCS#8, as PEM or as the bare Base64
 * text Alipay's key tool produces) and the Alipay public key (X.509 SubjectPublicKeyInfo, likewise).
 * Errors name the file and never quote its content.
 */
public final class AlipayKeys {
    private static final Set<PosixFilePermission> SHARED = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private AlipayKeys() {
    }

    /** Reads a private key, refusing a file that group or others may read. */
    public static PrivateKey readPrivateKey(Path file) {
        checkNotShared(file);
        byte[] der = decode(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file + ": not an RSA private key in PKCS#8 form");
        }
    }

    public static PublicKey readPublicKey(Path file) {
        byte[] der = decode(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(file + ": not an RSA public key (X.509 SubjectPublicKeyInfo)");
        }
    }

    /** A private key others can read is no longer private: refuse it, naming the file and the fix. */
    public static void checkNotShared(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            for (PosixFilePermission p : SHARED) {
                if (perms.contains(p)) {
                    throw new KeyFileException(file + " is readable or writable by group or others; run: chmod 600 " + file);
                }
            }
        } catch (UnsupportedOperationException e) {
            throw new KeyFileException(file + ": cannot check its permissions on this file system");
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
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

    private static byte[] decode(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            throw new KeyFileException(file + " holds a PKCS#1 key; convert it with: "
                    + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out app_private.pem");
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
        try {
            byte[] der = Base64.getMimeDecoder().decode(body.strip());
            if (der.length == 0) {
                throw new KeyFileException(file + ": the key is empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": not Base64 key text");
        }
    }

    /** A key file that cannot be used; the message names the file and says why. */
    public static final class KeyFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public KeyFileException(String message) {
            super(message);
        }
    }
}
