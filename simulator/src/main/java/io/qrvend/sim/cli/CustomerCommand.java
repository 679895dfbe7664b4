package io.qrvend.sim.cli;

import io.qrvend.sim.backend.SimClient;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a customer's phone does at the simulated backend, in either wallet. */
public final class CustomerCommand {
    private CustomerCommand() {
    }

    /** Which wallet's simulated backend the customer uses, and where it listens by default. */
    public enum Wallet {
        ALIPAY("http://127.0.0.1:8090"), WECHAT("http://127.0.0.1:8091");

        final URI defaultBackend;

        Wallet(String defaultBackend) {
            this.defaultBackend = URI.create(defaultBackend);
        }
    }

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--backend", paramLabel = "URL",
                description = "The simulated backend's root URL (default http://127.0.0.1:8090 for alipay, http://127.0.0.1:8091 for wechat).")
        URI backend;

        @Option(names = "--wallet", defaultValue = "alipay", paramLabel = "WALLET", converter = WalletConverter.class,
                description = "alipay or wechat (default ${DEFAULT-VALUE}).")
        Wallet wallet;

        SimClient client() {
            return new SimClient(backend != null ? backend : wallet.defaultBackend);
        }
    }

    static final class WalletConverter implements picocli.CommandLine.ITypeConverter<Wallet> {
        @Override
        public Wallet convert(String value) {
            try {
                return Wallet.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a wallet; use alipay or wechat");
            }
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = "Scan the QR of ORDER: Alipay's trade comes into being; WeChat Pay shows nothing of a scan.")
    public static final class Scan extends Base {
        @Parameters(paramLabel = "ORDER", description = "The order number (out_trade_no).")
        String order;

        @Override
        public Integer call() throws Exception {
            SimClient.Answer a = client().scan(order);
            System.out.println(a.json());
            return a.ok() ? 0 : 1;
        }
    }

    @Command(name = "pay", mixinStandardHelpOptions = true, description = "Confirm the payment of ORDER in the wallet.")
    public static final class Pay extends Base {
        @Parameters(paramLabel = "ORDER", description = "The order number (out_trade_no).")
        String order;

        @Override
        public Integer call() throws Exception {
            SimClient.Answer a = client().pay(order);
            System.out.println(a.json());
            return a.ok() ? 0 : 1;
        }
    }

    @Command(name = "trades", mixinStandardHelpOptions = true, description = "Print every order and refund the wallet's backend holds, as JSON.")
    public static final class Trades extends Base {
        @Override
        public Integer call() throws Exception {
            System.out.println(client().trades());
            return 0;
        }
    }
}
