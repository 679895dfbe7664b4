package io.qrvend.terminal.config;

import io.qrvend.terminal.payment.Wallet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The terminal's configuration file ({@code /etc/qrvend/qrvend.conf}): every key it knows is read
 * here, so an unknown or misspelt key is refused with the file's name. The wallet keys are read as
 * written; the daemon turns them into gateways (and loads the key files) when it starts.
 *
 * @param wallets the wallets a customer may pay with ({@code payment.wallets}), in the order
 *                configured; Alipay alone when the file does not say
 */
public record TerminalConfig(String file, String terminalId, Path journalPath, Path controlSocket, Alipay alipay,
                             Sale sale, HardwareConfig hardware, List<Wallet> wallets, Wechat wechat) {

    public TerminalConfig {
        wallets = List.copyOf(wallets);
    }

    /** A configuration from before WeChat Pay: Alipay only (the simulator's machine builds one). */
    public TerminalConfig(String file, String terminalId, Path journalPath, Path controlSocket, Alipay alipay, Sale sale,
                          HardwareConfig hardware) {
        this(file, terminalId, journalPath, controlSocket, alipay, sale, hardware, DEFAULT_WALLETS, Wechat.NONE);
    }

    /** What {@code payment.wallets} is when absent: today's files keep working unchanged. */
    public static final List<Wallet> DEFAULT_WALLETS = List.of(Wallet.ALIPAY);

    public static final Path DEFAULT_FILE = Path.of("/etc/qrvend/qrvend.conf");

    /**
     * Every key qrvend reads. Keys of another relay or display type than the one chosen are known
     * and simply unused (switching a machine from LCUS to GPIO need not delete relay.port); any
     * other key is a typo and refused. The packaged qrvend.conf lists each of them.
     */
    public static final List<String> KEYS = List.of("terminal.id", "journal.path", "control.socket", "payment.wallets",
            "alipay.gateway", "alipay.app_id", "alipay.app_private_key", "alipay.public_key", "alipay.connect_timeout",
            "alipay.read_timeout",
            "wechat.gateway", "wechat.mchid", "wechat.appid", "wechat.merchant_private_key", "wechat.merchant_serial",
            "wechat.public_key", "wechat.public_key_id", "wechat.platform_certificates", "wechat.notify_url",
            "wechat.connect_timeout", "wechat.read_timeout",
            "sale.payment_window", "sale.drop_window", "sale.pulse", "sale.poll.unscanned",
            "sale.poll.scanned", "sale.poll.wechat", "sale.screen_hold",
            "relay.type", "relay.gpio.pins", "relay.gpio.active_low", "relay.port", "relay.channels", "relay.baud",
            "relay.modbus.address", "relay.modbus.timeout", "relay.modbus.flash", "gpio.provider",
            "input.drop.pins", "input.drop.pin", "input.drop.active_low", "input.drop.pull", "input.buttons",
            "input.cancel.pin", "input.door.pin", "input.debounce",
            "display.type", "display.device", "display.width", "display.height", "display.bpp", "display.png.path");

    /** The {@code alipay.*} keys as written; null where absent. */
    public record Alipay(String gateway, String appId, String appPrivateKey, String publicKey, Duration connectTimeout,
                         Duration readTimeout) {
    }

    /** The {@code wechat.*} keys as written; null where absent. */
    public record Wechat(String gateway, String mchid, String appid, String merchantPrivateKey, String merchantSerial,
                         String publicKey, String publicKeyId, List<String> platformCertificates, String notifyUrl,
                         Duration connectTimeout, Duration readTimeout) {
        /** No wechat section at all. */
        public static final Wechat NONE = new Wechat(null, null, null, null, null, null, null, List.of(), null, null, null);

        public Wechat {
            platformCertificates = List.copyOf(platformCertificates);
        }
    }

    /** The {@code sale.*} keys; null where absent, meaning the sale policy's default. */
    public record Sale(Duration paymentWindow, Duration dropWindow, Duration pulse, Duration pollUnscanned, Duration pollScanned,
                       Duration screenHold, Duration pollWechat) {
    }

    public static TerminalConfig load(Path path) {
        return read(ConfigFile.load(path));
    }

    public static TerminalConfig read(ConfigFile config) {
        String terminalId = config.string("terminal.id", null);
        if (terminalId != null && !terminalId.matches("[0-9A-Za-z]{1,8}")) {
            config.problem("terminal.id", Quoted.of(terminalId) + " must be 1-8 letters or digits (it starts every order number)");
        }
        Path journal = Path.of(config.string("journal.path", "/var/lib/qrvend/journal.db"));
        Path socket = Path.of(config.string("control.socket", "/run/qrvend/control.sock"));
        Alipay alipay = new Alipay(config.string("alipay.gateway", null), config.string("alipay.app_id", null),
                config.string("alipay.app_private_key", null), config.string("alipay.public_key", null),
                config.duration("alipay.connect_timeout", null), config.duration("alipay.read_timeout", null));
        List<Wallet> wallets = wallets(config);
        Wechat wechat = new Wechat(config.string("wechat.gateway", null), config.string("wechat.mchid", null),
                config.string("wechat.appid", null), config.string("wechat.merchant_private_key", null),
                config.string("wechat.merchant_serial", null), config.string("wechat.public_key", null),
                config.string("wechat.public_key_id", null), files(config.string("wechat.platform_certificates", null)),
                config.string("wechat.notify_url", null), config.duration("wechat.connect_timeout", null),
                config.duration("wechat.read_timeout", null));
        Sale sale = new Sale(config.duration("sale.payment_window", null), config.duration("sale.drop_window", null),
                config.duration("sale.pulse", null), config.duration("sale.poll.unscanned", null),
                config.duration("sale.poll.scanned", null), config.duration("sale.screen_hold", null),
                config.duration("sale.poll.wechat", null));
        HardwareConfig hardware = HardwareConfig.read(config);
        config.finish(KEYS);
        return new TerminalConfig(config.file(), terminalId, journal, socket, alipay, sale, hardware, wallets, wechat);
    }

    /** {@code payment.wallets}: names from {@link Wallet}, comma-separated, each once, in the order the screen shows them. */
    private static List<Wallet> wallets(ConfigFile config) {
        String text = config.string("payment.wallets", null);
        if (text == null) {
            return DEFAULT_WALLETS;
        }
        String choices = "alipay, wechat or alipay,wechat";
        if (text.isEmpty()) {
            config.problem("payment.wallets", "is empty; name the wallets customers may pay with: " + choices);
            return DEFAULT_WALLETS;
        }
        List<Wallet> wallets = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            Optional<Wallet> wallet = name.isBlank() ? Optional.empty() : Wallet.byKey(name);
            if (name.isBlank()) {
                config.problem("payment.wallets", Quoted.of(text) + " has an empty name; write " + choices);
            } else if (wallet.isEmpty()) {
                config.problem("payment.wallets", Quoted.of(name.strip()) + " is not a wallet qrvend knows (alipay, wechat)");
            } else if (wallets.contains(wallet.get())) {
                config.problem("payment.wallets", Quoted.of(text) + " names " + wallet.get().key() + " twice");
            } else {
                wallets.add(wallet.get());
            }
        }
        return wallets.isEmpty() ? DEFAULT_WALLETS : wallets;
    }

    /** A comma-separated list of file paths; empty when absent. */
    private static List<String> files(String text) {
        List<String> files = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    files.add(part.strip());
                }
            }
        }
        return files;
    }
}
