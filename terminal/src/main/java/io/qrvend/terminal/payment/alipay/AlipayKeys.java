package io.qrvend.terminal.payment.alipay;

import io.qrvend.terminal.payment.KeyFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Reads the RSA keys of an Alipay set-up: the app private key (PKCS#8, as PEM or as the bare Base64
 * text Alipay's key tool produces) and the Alipay public key (X.509 SubjectPublicKeyInfo, likewise).
 * The checks are {@link KeyFiles}'s (shared with WeChat Pay); the advice in the errors is Alipay's.
 */
public final class AlipayKeys {
    public static final int MAX_BYTES = KeyFiles.MAX_BYTES;
    public static final int MIN_BITS = KeyFiles.MIN_BITS;
    static final KeyFiles.Advice ADVICE = new KeyFiles.Advice("Alipay's RSA2", "app_private.pem",
            "give its public key to Alipay", "alipay.app_private_key");

    private AlipayKeys() {
    }

    /** Reads a private key, refusing a file owned by another user or that group or others may read. */
    public static PrivateKey readPrivateKey(Path file) {
        try {
            return KeyFiles.readPrivateKey(file, ADVICE);
        } catch (KeyFiles.KeyFileException e) {
            throw new KeyFileException(e.getMessage());
        }
    }

    public static PublicKey readPublicKey(Path file) {
        try {
            return KeyFiles.readPublicKey(file, ADVICE);
        } catch (KeyFiles.KeyFileException e) {
            throw new KeyFileException(e.getMessage());
        }
    }

    /** A private key others can read is no longer private: refuse it, naming the file and the fix. */
    public static void checkNotShared(Path file) {
        try {
            KeyFiles.checkNotShared(file);
        } catch (KeyFiles.KeyFileException e) {
            throw new KeyFileException(e.getMessage());
        }
    }

    public static String privatePem(PrivateKey key) {
        return KeyFiles.privatePem(key);
    }

    public static String publicPem(PublicKey key) {
        return KeyFiles.publicPem(key);
    }

    /**
     * An Alipay key file that cannot be used. Kept as its own type so that code written against
     * AlipayKeys (the simulator, the tests) keeps catching what it caught.
     */
    public static final class KeyFileException extends KeyFiles.KeyFileException {
        private static final long serialVersionUID = 1L;

        public KeyFileException(String message) {
            super(message);
        }
    }
}
