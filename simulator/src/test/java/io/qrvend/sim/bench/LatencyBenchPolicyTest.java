package io.qrvend.sim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qrvend.sim.live.LiveTerminal;
import io.qrvend.terminal.config.TerminalConfig;
import io.qrvend.terminal.daemon.DaemonSettings;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.SalePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latency bench compares polling policies by name: each must configure the machine it claims,
 * offering its one wallet at its intervals, as the daemon itself reads the file (a misspelt key or
 * duration would otherwise measure the defaults under another name).
 */
class LatencyBenchPolicyTest {

    @Test
    void weChatPoliciesMakeMachinesThatOfferWeChatPayAloneAtTheirInterval(@TempDir Path dir) throws Exception {
        assertEquals(List.of("wechat-default", "wechat-1.1s", "wechat-1.2s"), Bench.WECHAT.stream().map(LatencyBench.Policy::name).toList());
        List<Duration> intervals = List.of(SalePolicy.DEFAULTS.pollWechat(), Duration.ofMillis(1100), Duration.ofMillis(1200));
        for (int i = 0; i < intervals.size(); i++) {
            DaemonSettings settings = settingsOf(dir, Bench.WECHAT.get(i));
            assertEquals(List.of(Wallet.WECHAT), settings.wallets());
            assertEquals(intervals.get(i), settings.policy().pollInterval(Wallet.WECHAT, false));
            assertEquals(intervals.get(i), settings.policy().pollInterval(Wallet.WECHAT, true));
        }
    }

    @Test
    void alipayPoliciesStillOfferAlipayAloneAtTheirIntervals(@TempDir Path dir) throws Exception {
        DaemonSettings defaults = settingsOf(dir, Bench.DEFAULTS);
        assertEquals(List.of(Wallet.ALIPAY), defaults.wallets());
        assertEquals(SalePolicy.DEFAULTS.pollUnscanned(), defaults.policy().pollInterval(Wallet.ALIPAY, false));
        assertEquals(SalePolicy.DEFAULTS.pollScanned(), defaults.policy().pollInterval(Wallet.ALIPAY, true));
        DaemonSettings demo = settingsOf(dir, Bench.ALIPAY_DEMO);
        assertEquals(List.of(Wallet.ALIPAY), demo.wallets());
        assertEquals(Duration.ofSeconds(5), demo.policy().pollInterval(Wallet.ALIPAY, false));
        assertEquals(Duration.ofSeconds(5), demo.policy().pollInterval(Wallet.ALIPAY, true));
    }

    private static DaemonSettings settingsOf(Path dir, LatencyBench.Policy policy) throws Exception {
        try (LiveTerminal terminal = LatencyBench.configure(dir.resolve(policy.name()), policy)) {
            return DaemonSettings.from(TerminalConfig.load(terminal.config()));
        }
    }
}
