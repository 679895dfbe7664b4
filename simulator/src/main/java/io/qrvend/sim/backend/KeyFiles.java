package io.qrvend.sim.backend;

import io.qrvend.terminal.payment.alipay.AlipayKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The key files of a test set-up: the terminal's app key pair (the terminal signs with the private
 * key, the simulated backend verifies with the public one) and the simulated Alipay's pair (the other
 * way round); for WeChat Pay the same two roles: the merchant's API key pair with its certificate
 * serial, and the simulated WeChat Pay's pair with its public key ID. Written by
 * {@code qrvend-sim keys} and by the live terminal of the demo and tests.
 */
public final class KeyFiles {
    public static final List<String> FILES = List.of("app_private.pem", "app_public.pem", "alipay_private.pem", "alipay_public.pem");
    public static final String WECHAT_MERCHANT_PRIVATE = "wechat_merchant_private.pem";
    public static final String WECHAT_MERCHANT_PUBLIC = "wechat_merchant_public.pem";
    public static final String WECHAT_MERCHANT_SERIAL = "wechat_merchant_serial";
    public static final String WECHATPAY_PRIVATE = "wechatpay_private.pem";
    public static final String WECHATPAY_PUBLIC = "wechatpay_public.pem";
    public static final String WECHATPAY_PUBLIC_KEY_ID = "wechatpay_public_key_id";
    public static final List<String> WECHAT_FILES = List.of(WECHAT_MERCHANT_PRIVATE, WECHAT_MERCHANT_PUBLIC,
            WECHAT_MERCHANT_SERIAL, WECHATPAY_PRIVATE, WECHATPAY_PUBLIC, WECHATPAY_PUBLIC_KEY_ID);
    private static final Pattern SERIAL = Pattern.compile("[0-9A-F]{40}");
    private static final Pattern KEY_ID = Pattern.compile("PUB_KEY_ID_[0-9]{16,40}");
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /**
     * Writes the WeChat Pay files into {@code dir} (created if missing): the merchant's API key pair and
     * its certificate serial (40 hex digits), the simulated WeChat Pay's key pair and its public key ID
     * ({@code PUB_KEY_ID_} and digits). Private keys with mode 600.
     */
    public static void writeWechat(Path dir) throws IOException {
        Files.createDirectories(dir);
        KeyPair merchant = BackendServer.newKeyPair();
        KeyPair wechatPay = BackendServer.newKeyPair();
        writePrivate(dir.resolve(WECHAT_MERCHANT_PRIVATE), AlipayKeys.privatePem(merchant.getPrivate()));
        Files.writeString(dir.resolve(WECHAT_MERCHANT_PUBLIC), AlipayKeys.publicPem(merchant.getPublic()));
        byte[] serial = new byte[20];
        RANDOM.nextBytes(serial);
        Files.writeString(dir.resolve(WECHAT_MERCHANT_SERIAL), HexFormat.of().withUpperCase().formatHex(serial) + "\n");
        writePrivate(dir.resolve(WECHATPAY_PRIVATE), AlipayKeys.privatePem(wechatPay.getPrivate()));
        Files.writeString(dir.resolve(WECHATPAY_PUBLIC), AlipayKeys.publicPem(wechatPay.getPublic()));
        StringBuilder id = new StringBuilder("PUB_KEY_ID_01");
        for (int i = 0; i < 26; i++) {
            id.append(RANDOM.nextInt(10));
        }
        Files.writeString(dir.resolve(WECHATPAY_PUBLIC_KEY_ID), id + "\n");
    }

    /** Whether {@code dir} holds the WeChat Pay files {@link #writeWechat} writes. */
    public static boolean hasWechat(Path dir) {
        return WECHAT_FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** The merchant certificate serial in {@code dir}; a clear error naming the file if it is not 40 hex digits. */
    public static String wechatMerchantSerial(Path dir) throws IOException {
        return readChecked(dir.resolve(WECHAT_MERCHANT_SERIAL), SERIAL, "40 hexadecimal digits (upper case)");
    }

    /** WeChat Pay's public key ID in {@code dir}; a clear error naming the file if it is not {@code PUB_KEY_ID_} and digits. */
    public static String wechatPublicKeyId(Path dir) throws IOException {
        return readChecked(dir.resolve(WECHATPAY_PUBLIC_KEY_ID), KEY_ID, "PUB_KEY_ID_ followed by digits");
    }

    private static String readChecked(Path file, Pattern form, String expected) throws IOException {
        String text = Files.readString(file).trim();
        if (!form.matcher(text).matches()) {
            throw new IllegalArgumentException(file + ": '" + text + "' is not a valid value; expected " + expected);
        }
        return text;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem);
    }
}
