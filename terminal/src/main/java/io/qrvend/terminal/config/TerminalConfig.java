package io.qrvend.terminal.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The terminal's configuration file ({@code /etc/qrvend/qrvend.conf}): every key it knows is read
 * here, so an unknown or misspelt key is refused with the file's name. The Alipay keys are read as
 * written; the daemon turns them into a gateway (and loads the key files) when it starts.
 */
public record TerminalConfig(String file, String terminalId, Path journalPath, Path controlSocket, Alipay alipay,
                             Sale sale, HardwareConfig hardware) {

    public static final Path DEFAULT_FILE = Path.of("/etc/qrvend/qrvend.conf");

    /**
     * Every key qrvend reads. Keys of another relay or display type than the one chosen are known
     * and simply unused (switching a machine from LCUS to GPIO need not delete relay.port); any
     * other key is a typo and refused. The packaged qrvend.conf lists each of them.
     */
    public static final List<String> KEYS = List.of("terminal.id", "journal.path", "control.socket",
            "alipay.gateway", "alipay.app_id", "alipay.app_private_key", "alipay.public_key", "alipay.connect_timeout",
            "alipay.read_timeout", "sale.payment_window", "sale.drop_window", "sale.pulse", "sale.poll.unscanned",
            "sale.poll.scanned", "sale.screen_hold",
            "relay.type", "relay.gpio.pins", "relay.gpio.active_low", "relay.port", "relay.channels", "relay.baud",
            "relay.modbus.address", "relay.modbus.timeout", "relay.modbus.flash", "gpio.provider",
            "input.drop.pins", "input.drop.pin", "input.drop.active_low", "input.drop.pull", "input.buttons",
            "input.cancel.pin", "input.door.pin", "input.debounce",
            "display.type", "display.device", "display.width", "display.height", "display.bpp", "display.png.path");

    /** The {@code alipay.*} keys as written; null where absent. */
    public record Alipay(String gateway, String appId, String appPrivateKey, String publicKey, Duration connectTimeout,
                         Duration readTimeout) {
    }

    /** The {@code sale.*} keys; null where absent, meaning the sale policy's default. */
    public record Sale(Duration paymentWindow, Duration dropWindow, Duration pulse, Duration pollUnscanned, Duration pollScanned,
                       Duration screenHold) {
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
        Sale sale = new Sale(config.duration("sale.payment_window", null), config.duration("sale.drop_window", null),
                config.duration("sale.pulse", null), config.duration("sale.poll.unscanned", null),
                config.duration("sale.poll.scanned", null), config.duration("sale.screen_hold", null));
        HardwareConfig hardware = HardwareConfig.read(config);
        config.finish(KEYS);
        return new TerminalConfig(config.file(), terminalId, journal, socket, alipay, sale, hardware);
    }
}
