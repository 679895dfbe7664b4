package io.qrvend.terminal.payment.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

/** The OpenSSL-made test keys in {@code src/test/resources/wechat}, copied out with the modes they need (git keeps none). */
public final class WechatTestKeys {
    public static final String MCHID = "1230000109";
    public static final String APPID = "wxd678efh567hg6787";
    public static final String MERCHANT_SERIAL = "444F4864EA9B34415D6E1B7AC4D1A9E1C8D3F9A2";
    public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0112300001092025010100000000000001";
    public static final String PLATFORM_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public static final URI NOTIFY = URI.create("https://pay.example.com/wechat/notify");

    private WechatTestKeys() {
    }

    public static Path copy(String resource, Path dir, String mode) {
        try (InputStream in = WechatTestKeys.class.getResourceAsStream("/wechat/" + resource)) {
            Path file = dir.resolve(resource);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String resource) {
        try (InputStream in = WechatTestKeys.class.getResourceAsStream("/wechat/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PrivateKey merchantPrivate(Path dir) {
        return WechatKeys.readMerchantKey(copy("test_merchant_private.pem", dir, "rw-------"));
    }

    static PublicKey merchantPublic(Path dir) {
        return WechatKeys.readPublicKey(copy("test_merchant_public.pem", dir, "rw-r--r--"));
    }

    /** WeChat Pay's side of the test: the key it signs answers with. */
    static PrivateKey wechatpayPrivate(Path dir) {
        return WechatKeys.readMerchantKey(copy("test_wechatpay_private.pem", dir, "rw-------"));
    }

    static PublicKey wechatpayPublic(Path dir) {
        return WechatKeys.readPublicKey(copy("test_wechatpay_public.pem", dir, "rw-r--r--"));
    }

    static X509Certificate platformCertificate(Path dir) {
        return WechatKeys.readPlatformCertificate(copy("test_platform_cert.pem", dir, "rw-r--r--"));
    }

    /** Public-key mode, the one every merchant has had since late 2024. */
    static WechatConfig config(Path dir, URI gateway, Duration connect, Duration read) {
        return new WechatConfig(gateway, MCHID, APPID, merchantPrivate(dir), MERCHANT_SERIAL, wechatpayPublic(dir), PUBLIC_KEY_ID,
                Map.of(), NOTIFY, connect, read);
    }
}
