package io.qrvend.terminal.daemon;

import io.qrvend.terminal.config.ConfigException;
import io.qrvend.terminal.config.Quoted;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.alipay.AlipayConfig;
import io.qrvend.terminal.payment.alipay.AlipayGateway;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import io.qrvend.terminal.payment.wechat.WechatConfig;
import io.qrvend.terminal.payment.wechat.WechatPayGateway;
import io.qrvend.terminal.sale.SalePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the daemon needs beyond a well-formed file: the terminal id, a usable gateway with readable,
 * private keys for each wallet in {@code payment.wallets}, and a valid sale policy. Everything wrong
 * is reported at once, naming the key and the file, before anything is opened.
 *
 * @param alipay Alipay's gateway, or null when {@code payment.wallets} does not list alipay
 * @param wallets the wallets a customer may pay with, in the order configured
 * @param wechat WeChat Pay's gateway, or null when {@code payment.wallets} does not list wechat
 */
public record DaemonSettings(String terminalId, AlipayConfig alipay, SalePolicy policy, List<Wallet> wallets, WechatConfig wechat) {

    public DaemonSettings {
        wallets = List.copyOf(wallets);
    }

    /** Alipay alone, as before WeChat Pay. */
    public DaemonSettings(String terminalId, AlipayConfig alipay, SalePolicy policy) {
        this(terminalId, alipay, policy, TerminalConfig.DEFAULT_WALLETS, null);
    }

    /** A new adapter to {@code wallet}'s backend; only for a configured wallet. */
    public PaymentGateway newGateway(Wallet wallet, Clock clock) {
        return switch (wallet) {
            case ALIPAY -> new AlipayGateway(alipay, clock);
            case WECHAT -> new WechatPayGateway(wechat, clock);
        };
    }

    /** How long {@code wallet}'s adapter lets one call take. */
    public Duration callDeadline(Wallet wallet) {
        return switch (wallet) {
            case ALIPAY -> alipay.callDeadline();
            case WECHAT -> wechat.callDeadline();
        };
    }

    /** Where {@code wallet}'s backend is; only for a configured wallet. */
    public URI gateway(Wallet wallet) {
        return switch (wallet) {
            case ALIPAY -> alipay.gateway();
            case WECHAT -> wechat.gateway();
        };
    }

    /** Whether {@code wallet}'s backend is a simulator on this machine (loopback http). */
    public boolean testBackend(Wallet wallet) {
        return switch (wallet) {
            case ALIPAY -> alipay.testBackend();
            case WECHAT -> wechat.testBackend();
        };
    }

    public static DaemonSettings from(TerminalConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.terminalId() == null) {
            problems.add("terminal.id: is required (1-8 letters or digits; it starts every order number)");
        }
        // Each wallet's section is required exactly when payment.wallets lists it; an unlisted one is not read.
        AlipayConfig alipay = config.wallets().contains(Wallet.ALIPAY) ? alipay(config, problems) : null;
        WechatConfig wechat = config.wallets().contains(Wallet.WECHAT) ? WechatSettings.from(config.wechat(), problems) : null;
        SalePolicy policy = policy(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(config.file(), problems);
        }
        return new DaemonSettings(config.terminalId(), alipay, policy, config.wallets(), wechat);
    }

    private static AlipayConfig alipay(TerminalConfig config, List<String> problems) {
        int before = problems.size();
        TerminalConfig.Alipay a = config.alipay();
        URI gateway = null;
        if (a.gateway() == null) {
            problems.add("alipay.gateway: is required (https://openapi.alipay.com/gateway.do)");
        } else {
            try {
                gateway = new URI(a.gateway());
            } catch (URISyntaxException e) {
                problems.add("alipay.gateway: " + Quoted.of(a.gateway()) + " is not a URL");
            }
        }
        if (a.appId() == null) {
            problems.add("alipay.app_id: is required");
        }
        PrivateKey privateKey = key(a.appPrivateKey(), "alipay.app_private_key", problems, AlipayKeys::readPrivateKey);
        PublicKey publicKey = key(a.publicKey(), "alipay.public_key", problems, AlipayKeys::readPublicKey);
        AlipayConfig alipay = null;
        if (problems.size() == before) {
            try {
                alipay = new AlipayConfig(gateway, a.appId(), privateKey, publicKey,
                        a.connectTimeout() != null ? a.connectTimeout() : AlipayConfig.DEFAULT_CONNECT_TIMEOUT,
                        a.readTimeout() != null ? a.readTimeout() : AlipayConfig.DEFAULT_READ_TIMEOUT);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return alipay;
    }

    private static SalePolicy policy(TerminalConfig config, List<String> problems) {
        SalePolicy policy = SalePolicy.DEFAULTS;
        try {
            TerminalConfig.Sale sale = config.sale();
            if (sale.paymentWindow() != null) {
                policy = policy.withPaymentWindow(sale.paymentWindow());
            }
            if (sale.dropWindow() != null) {
                policy = policy.withDropWindow(sale.dropWindow());
            }
            if (sale.pulse() != null) {
                policy = policy.withPulse(sale.pulse());
            }
            if (sale.pollUnscanned() != null || sale.pollScanned() != null) {
                policy = policy.withPolling(sale.pollUnscanned() != null ? sale.pollUnscanned() : policy.pollUnscanned(),
                        sale.pollScanned() != null ? sale.pollScanned() : policy.pollScanned());
            }
            if (sale.screenHold() != null) {
                policy = policy.withScreenHold(sale.screenHold());
            }
            if (sale.pollWechat() != null) {
                policy = policy.withWechatPolling(sale.pollWechat());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return policy;
    }

    static <K> K key(String file, String key, List<String> problems, Function<Path, K> reader) {
        if (file == null) {
            problems.add(key + ": is required (a key file)");
            return null;
        }
        try {
            return reader.apply(Path.of(file));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }
}
