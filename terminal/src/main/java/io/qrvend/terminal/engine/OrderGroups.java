package io.qrvend.terminal.engine;

import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.LiveSale;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.sale.SaleState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders of each customer's sale (one per wallet, sharing a group) among the engine's active
 * sales, and what of them reaches the screen. Engine-thread only, like the map it reads.
 */
final class OrderGroups {
    private static final Logger log = LoggerFactory.getLogger(OrderGroups.class);

    private final Map<Long, LiveSale> active;
    /** The wallets each new sale offers, one order at each, in the order their codes are shown. */
    private final List<Wallet> wallets;
    private final SalePolicy policy;
    private final ScreenKeeper screens;

    OrderGroups(Map<Long, LiveSale> active, List<Wallet> wallets, SalePolicy policy, ScreenKeeper screens) {
        this.active = active;
        this.wallets = List.copyOf(wallets);
        this.policy = policy;
        this.screens = screens;
    }

    List<Wallet> wallets() {
        return wallets;
    }

    /** The active orders of one customer's sale, oldest first. */
    List<LiveSale> of(long groupId) {
        return active.values().stream().filter(l -> l.sale().groupId() == groupId).toList();
    }

    /** The orders of the sale in front of the customer, oldest first; empty if there is none. */
    List<LiveSale> customer() {
        Long group = screens.customerGroup();
        return group == null ? List.of() : of(group);
    }

    /** Still offering its code to the customer: being created or awaiting payment. */
    static boolean offersPayment(LiveSale live) {
        return live.state() == SaleState.AWAITING_PAYMENT || live.state() == SaleState.CREATED;
    }

    /**
     * A sale's screen. An order that was lost to another, or that dropped out (its creation failed,
     * say) while another still offers its code, does not change the screen; with two wallets the
     * payment screen holds the code of every order of the sale awaiting payment. (With one wallet
     * every group is one order, and its screen is shown as the rules made it: one unlabelled code.)
     */
    void show(LiveSale live, Screen screen) {
        Sale sale = live.sale();
        List<LiveSale> orders = of(sale.groupId());
        if (live.lost() || !offersPayment(live) && orders.stream().anyMatch(OrderGroups::offersPayment)) {
            log.debug("sale {}: screen {} not shown: another order of the sale has the screen", sale.id(), screen);
            return;
        }
        boolean merge = screen instanceof Screen.PaymentQr && wallets.size() > 1;
        screens.showFor(sale.groupId(), merge ? paymentScreen(orders) : screen);
    }

    /** The screen goes back once no order of the customer's sale needs it; the customer changes once all have ended. */
    void release(long groupId) {
        List<LiveSale> orders = of(groupId);
        if (orders.stream().noneMatch(l -> l.sale().occupiesMachine())) {
            screens.release(groupId, orders.isEmpty());
        }
    }

    /** Every order's code, in the configured wallet order, counting down to the earliest order's deadline. */
    private Screen paymentScreen(List<LiveSale> orders) {
        List<Sale> awaiting = orders.stream().map(LiveSale::sale)
                .filter(o -> o.state() == SaleState.AWAITING_PAYMENT && o.qrCode() != null)
                .sorted(Comparator.comparing((Sale o) -> wallets.indexOf(o.wallet()))).toList();
        Sale first = awaiting.get(0);
        List<Screen.WalletCode> codes = awaiting.stream()
                .map(o -> new Screen.WalletCode(o.wallet().label(), o.qrCode())).toList();
        Instant deadline = awaiting.stream().map(Sale::awaitingSince).min(Comparator.naturalOrder()).orElseThrow()
                .plus(policy.paymentWindow());
        return new Screen.PaymentQr(first.orderNo(), first.productName(), first.priceFen(), codes, deadline);
    }
}
