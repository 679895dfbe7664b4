package io.qrvend.sim.cli;

import io.qrvend.sim.backend.BackendServer;
import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.FaultPlan;
import io.qrvend.sim.backend.KeyFiles;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.sim.backend.wechat.WechatMerchant;
import io.qrvend.sim.backend.wechat.WechatPayServer;
import io.qrvend.terminal.cli.Converters;
import io.qrvend.terminal.payment.alipay.AlipayKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs the simulated Alipay gateway (and, when asked, the simulated WeChat Pay) on loopback until interrupted. */
@Command(name = "backend", mixinStandardHelpOptions = true,
        description = {"Serve an Alipay-compatible gateway on 127.0.0.1 (POST /gateway.do; /sim/scan, /sim/pay, GET /sim/trades).",
            "With --wechat-port also a WeChat Pay API v3 (Native) gateway, with the same /sim/ pages for its orders."})
public final class BackendCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8090", description = "Port on 127.0.0.1 (0 picks a free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--app-id", required = true, description = "The terminal's app id; other app ids are refused.")
    String appId;

    @Option(names = "--keys", required = true, paramLabel = "DIR", description = "Directory written by 'qrvend-sim keys'.")
    Path keys;

    @Option(names = "--fault", paramLabel = "METHOD:FAULT[:P]",
            description = "Inject FAULT into calls of METHOD (precreate, query, cancel, refund, refund.query, alipay.all; "
                    + "wechat.create, wechat.query, wechat.close, wechat.refund, wechat.refund_query, wechat.all; all = both) "
                    + "with probability P (default 1). Faults: latency, timeout, reset, http_500, unavailable, "
                    + "system_error, garbled, bad_signature, forged_paid, stale, pay_before_cancel, drip, "
                    + "unsigned, old_timestamp, userpaying_lasts. Repeatable.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault dice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--latency", defaultValue = "300ms", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "Delay of the latency fault (default ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--hold", defaultValue = "30s", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "How long the timeout fault holds a request (default ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--wechat-port", paramLabel = "PORT",
            description = "Also serve WeChat Pay v3 on this port of 127.0.0.1 (e.g. 8091; 0 picks a free one). Needs the WeChat files of 'qrvend-sim keys'.")
    Integer wechatPort;

    @Option(names = "--wechat-mchid", defaultValue = "1900000109", description = "The merchant number WeChat Pay serves (default ${DEFAULT-VALUE}).")
    String wechatMchid;

    @Option(names = "--wechat-appid", defaultValue = "wxd678efh567hg6787", description = "The app id the merchant's orders must carry (default ${DEFAULT-VALUE}).")
    String wechatAppid;

    @Option(names = "--userpaying", defaultValue = "20s", paramLabel = "DURATION", converter = Converters.Time.class,
            description = "How long a payment hit by the userpaying_lasts fault reports USERPAYING (default ${DEFAULT-VALUE}).")
    Duration userpaying;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FaultPlan plan;
        try {
            plan = new FaultPlan(seed).latency(latency).hold(hold).userpaying(userpaying);
            faults.forEach(plan::chance);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        FakeAlipay model = new FakeAlipay(Instant::now);
        BackendServer server = new BackendServer(model, appId, AlipayKeys.readPublicKey(keys.resolve("app_public.pem")),
                AlipayKeys.readPrivateKey(keys.resolve("alipay_private.pem")), plan, port);
        WechatPayServer wechat;
        try {
            wechat = wechatPort == null ? null : wechat(plan);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (wechat != null) {
                wechat.close();
            }
            stopped.countDown();
        }, "sim-backend-stop"));
        System.out.println("qrvend-sim backend: " + server.gatewayUri() + " (app id " + appId + ", faults " + faults + ")");
        if (wechat != null) {
            System.out.println("qrvend-sim backend: WeChat Pay " + wechat.baseUri() + " (mchid " + wechatMchid + ", appid "
                    + wechatAppid + ", public key ID " + KeyFiles.wechatPublicKeyId(keys) + ")");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    private WechatPayServer wechat(FaultPlan plan) throws IOException {
        for (String f : KeyFiles.WECHAT_FILES) {
            if (!Files.isRegularFile(keys.resolve(f))) {
                throw new ParameterException(spec.commandLine(), "--wechat-port needs " + keys.resolve(f)
                        + "; write the WeChat Pay keys with 'qrvend-sim keys --out DIR' into a new directory");
            }
        }
        WechatMerchant merchant = new WechatMerchant(wechatMchid, wechatAppid, KeyFiles.wechatMerchantSerial(keys),
                AlipayKeys.readPublicKey(keys.resolve(KeyFiles.WECHAT_MERCHANT_PUBLIC)));
        return new WechatPayServer(new FakeWechatPay(Instant::now), merchant,
                AlipayKeys.readPrivateKey(keys.resolve(KeyFiles.WECHATPAY_PRIVATE)), KeyFiles.wechatPublicKeyId(keys), plan, wechatPort);
    }
}
