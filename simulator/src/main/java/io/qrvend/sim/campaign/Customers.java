package io.qrvend.sim.campaign;

import io.qrvend.sim.backend.FakeAlipay;
import io.qrvend.sim.backend.wechat.FakeWechatPay;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.engine.Engine;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.time.VirtualScheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A seed's customers: each sale's payment screen brings one, who scans and pays the code of a
 * wallet on that wallet's backend model (or walks away, cancels, pays late or pays both codes), as
 * the seed's dice say. The orders behind the codes are learnt from the engine's commits.
 */
final class Customers {
    /** Where a customer's actions are written, for {@code --trace}. */
    interface Trace {
        void note(String format, Object... args);
    }

    private final VirtualScheduler time;
    private final CampaignDice dice;
    private final SalePolicy policy;
    private final List<Wallet> wallets;
    private final FakeAlipay alipay;
    private final FakeWechatPay wechat;
    private final Supplier<Engine> engine;
    private final Trace trace;
    /** The group of every order the engine committed: how a customer finds the sale behind a screen. */
    private final Map<String, Long> groupOf = new HashMap<>();
    /** The orders of each customer's sale, by wallet. */
    private final Map<Long, Map<Wallet, String>> ordersOf = new HashMap<>();
    private final Set<String> qrSeen = new HashSet<>();

    Customers(VirtualScheduler time, CampaignDice dice, SalePolicy policy, List<Wallet> wallets, FakeAlipay alipay,
              FakeWechatPay wechat, Supplier<Engine> engine, Trace trace) {
        this.time = time;
        this.dice = dice;
        this.policy = policy;
        this.wallets = List.copyOf(wallets);
        this.alipay = alipay;
        this.wechat = wechat;
        this.engine = engine;
        this.trace = trace;
    }

    /** The engine committed {@code after}. */
    void committed(Sale after) {
        groupOf.put(after.orderNo(), after.groupId());
        ordersOf.computeIfAbsent(after.groupId(), g -> new HashMap<>()).put(after.wallet(), after.orderNo());
    }

    /**
     * The customer acts on a sale's payment screen the first time it appears, the way people do, or
     * late on purpose: with the code of one wallet (chosen when the sale offers two), and sometimes,
     * with two codes up, pays both.
     */
    void show(Screen screen) {
        if (!(screen instanceof Screen.PaymentQr qr) || !qrSeen.add(qr.orderNo())) {
            return;
        }
        long group = groupOf.get(qr.orderNo());
        Wallet chosen = wallets.get(dice.between(0, wallets.size() - 1));
        Customer customer = new Customer(group, chosen);
        if (wallets.size() > 1 && dice.roll(FaultKind.PAY_BOTH)) {
            Wallet other = wallets.get(0) == chosen ? wallets.get(1) : wallets.get(0);
            int scan = dice.between(3000, 15_000);
            int pay = scan + dice.between(2000, 10_000);
            customer.at(scan, pay);
            // the second code a moment later, or much later, into the other order's close
            new Customer(group, other).at(pay + 500, pay + (dice.coin() ? dice.between(500, 5000) : dice.between(5000, 60_000)));
            return;
        }
        if (dice.roll(FaultKind.LATE_PAYMENT)) {
            long window = policy.paymentWindow().toMillis();
            long at = switch (dice.between(0, 2)) {
                case 0 -> window - 2000 + dice.between(0, 4000); // at the deadline, into the cancel
                case 1 -> window + dice.between(1000, 120_000); // minutes late
                default -> dice.between(5000, 60_000); // whenever; a crash may be under way
            };
            customer.at(Math.max(1000, at - 5000), at);
            return;
        }
        double kind = dice.uniform();
        if (kind < 0.55) {
            int scan = dice.between(3000, 15_000);
            customer.at(scan, scan + dice.between(2000, 10_000));
        } else if (kind < 0.75) {
            customer.at(dice.between(3000, 60_000), -1);
        } else if (kind < 0.85) {
            trace.note("customer walks away from %s", qr.orderNo());
        } else if (kind < 0.93) {
            customer.at(dice.coin() ? dice.between(2000, 10_000) : -1, -1);
            time.schedule(Duration.ofMillis(dice.between(5000, 30_000)), () -> {
                if (engine.get() != null) {
                    trace.note("customer presses cancel");
                    engine.get().cancel();
                }
            });
        } else {
            int scan = dice.between(20_000, 60_000);
            customer.at(scan, scan + dice.between(10_000, 40_000));
        }
    }

    /** A customer with the code of one wallet of a sale; the order behind it is looked up when they act. */
    private final class Customer {
        private final long group;
        private final Wallet wallet;

        Customer(long group, Wallet wallet) {
            this.group = group;
            this.wallet = wallet;
        }

        /** Scans at {@code scanAt} and pays at {@code payAt} ms from now; -1 for never. */
        void at(long scanAt, long payAt) {
            if (scanAt >= 0) {
                time.schedule(Duration.ofMillis(scanAt), () -> act("scans", this::scan));
            }
            if (payAt >= 0) {
                time.schedule(Duration.ofMillis(payAt), () -> act("pays", this::pay));
            }
        }

        private void act(String what, Predicate<String> action) {
            String order = ordersOf.getOrDefault(group, Map.of()).get(wallet);
            if (order == null) {
                trace.note("customer finds no %s code to use", wallet.label()); // its order failed, say
                return;
            }
            trace.note("customer %s %s %s: %s", what, wallet.label(), order, action.test(order));
        }

        private boolean scan(String order) {
            return switch (wallet) {
                case ALIPAY -> alipay.scan(order);
                case WECHAT -> wechat.scan(order);
            };
        }

        private boolean pay(String order) {
            return switch (wallet) {
                case ALIPAY -> alipay.pay(order);
                case WECHAT -> {
                    if (dice.roll(FaultKind.USERPAYING_LASTS)) {
                        wechat.delayPayment(order, Duration.ofSeconds(dice.between(1, 40)));
                    }
                    yield wechat.pay(order);
                }
            };
        }
    }
}
