package io.qrvend.sim.cli;

import io.qrvend.sim.backend.SimClient;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What a customer's phone does at the simulated backend. */
public final class CustomerCommand {
    private CustomerCommand() {
    }

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--backend", defaultValue = "http://127.0.0.1:8090", paramLabel = "URL",
                description = "The simulated backend's root URL (default ${DEFAULT-VALUE}).")
        URI backend;
    }

    @Command(name = "scan", mixinStandardHelpOptions = true, description = "Scan the QR of ORDER: the trade comes into being.")
    public static final class Scan extends Base {
        @Parameters(paramLabel = "ORDER", description = "The order number (out_trade_no).")
        String order;

        @Override
        public Integer call() throws Exception {
            SimClient.Answer a = new SimClient(backend).scan(order);
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
            SimClient.Answer a = new SimClient(backend).pay(order);
            System.out.println(a.json());
            return a.ok() ? 0 : 1;
        }
    }

    @Command(name = "trades", mixinStandardHelpOptions = true, description = "Print every trade and refund the backend holds, as JSON.")
    public static final class Trades extends Base {
        @Override
        public Integer call() throws Exception {
            System.out.println(new SimClient(backend).trades());
            return 0;
        }
    }
}
