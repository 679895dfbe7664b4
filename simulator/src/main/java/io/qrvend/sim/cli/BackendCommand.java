package io.qrvend.sim.cli;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.terminal.cli.Converters;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/** Runs the simulated Alipay gateway on loopback until interrupted. */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = "Serve an Alipay-compatible gateway on 127.0.0.1 (POST /gateway.do; /sim/scan, /sim/pay, GET /sim/trades).")
public final class BackendCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "Port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--app-id", required = true, description = "The terminal's app id; other app ids are refused.")
    String appId;

    @Option(names = "--keys", required = true, paramLabel = "DIR", description = "Directory written by 'qrvend-sim keys'.")
    Path keys;

    @Option(names = "--fault", paramLabel = "METHOD:FAULT[:P]",
            description = "Inject FAULT into calls of METHOD (precreate, query, cancel, refund, refund.query, all) "
                    + "with probability P (default 1). Faults: latency, timeout, reset, http_500, unavailable, "
                    + "system_error, garbled, bad_signature, forged_paid, stale, pay_before_cancel, drip. Repeatable.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault dice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latency", defaultValue = "300ms", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Delay of the latency fault (default ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--hold", defaultValue = "30s", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "How long the timeout fault holds a request (default ${DEFAULT-VALUE}).")
    Duration hold;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FaultPlan plan;
        try {
            plan = new FaultPlan(seed).latency(latency).hold(hold);
            faults.forEach(plan::chance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        FakeAlipay model = new FakeAlipay(Instant::now);
        BackendServer server = new BackendServer(model, appId, AlipayKeys.readPublicKey(keys.resolve("app_public.pem")),
                AlipayKeys.readPrivateKey(keys.resolve("alipay_private.pem")), plan, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "sim-backend-stop"));
        System.out.println("qrvend-sim backend: " + server.gatewayUri() + " (app id " + appId + ", faults " + faults + ")");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
