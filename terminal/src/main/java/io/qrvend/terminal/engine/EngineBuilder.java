package io.qrvend.terminal.engine;

import io.qrvend.terminal.display.Display;
import io.qrvend.terminal.payment.PaymentGateway;
import io.qrvend.terminal.payment.Wallet;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.time.Scheduler;
import io.qrvend.terminal.vend.VendMechanism;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/** Sets up an {@link Engine}; every part is required except the policy (defaults) and the listener. */
public final class EngineBuilder {
    String terminalId;
    EngineJournal journal;
    SalePolicy policy = SalePolicy.DEFAULTS;
    Scheduler scheduler;
    Map<Wallet, PaymentGateway> gateways;
    VendMechanism vend;
    Display display;
    Executor network;
    Executor hardware;
    EngineListener listener = EngineListener.NONE;

    public EngineBuilder terminalId(String id) {
        this.terminalId = id;
        return this;
    }

    public EngineBuilder journal(EngineJournal j) {
        this.journal = j;
        return this;
    }

    public EngineBuilder policy(SalePolicy p) {
        this.policy = p;
        return this;
    }

    public EngineBuilder scheduler(Scheduler s) {
        this.scheduler = s;
        return this;
    }

    /** One wallet, Alipay, with this gateway: every sale is one order. */
    public EngineBuilder gateway(PaymentGateway g) {
        return gateways(Map.of(Wallet.ALIPAY, Objects.requireNonNull(g, "gateway")));
    }

    /**
     * The wallets a sale offers, in the order given (the order their codes appear on the screen),
     * each with its backend. With more than one, each selection opens one order per wallet.
     */
    public EngineBuilder gateways(Map<Wallet, ? extends PaymentGateway> byWallet) {
        if (byWallet.isEmpty()) {
            throw new IllegalArgumentException("the engine needs at least one wallet");
        }
        this.gateways = new LinkedHashMap<>(byWallet);
        return this;
    }

    public EngineBuilder vend(VendMechanism v) {
        this.vend = v;
        return this;
    }

    public EngineBuilder display(Display d) {
        this.display = d;
        return this;
    }

    /** Where backend calls run; they block, so never the engine thread in a real terminal. */
    public EngineBuilder network(Executor e) {
        this.network = e;
        return this;
    }

    /** Where relay pulses run. */
    public EngineBuilder hardware(Executor e) {
        this.hardware = e;
        return this;
    }

    public EngineBuilder listener(EngineListener l) {
        this.listener = Objects.requireNonNull(l);
        return this;
    }

    public Engine build() {
        return new Engine(this);
    }
}
