package io.qrvend.terminal.engine;

import io.qrvend.terminal.catalog.Slot;
import io.qrvend.terminal.display.Screen;
import io.qrvend.terminal.money.Money;
import io.qrvend.terminal.sale.Decision;
import io.qrvend.terminal.sale.Effect;
import io.qrvend.terminal.sale.LiveSale;
import io.qrvend.terminal.sale.OrderNumbers;
import io.qrvend.terminal.sale.Sale;
import io.qrvend.terminal.sale.SaleEvent;
import io.qrvend.terminal.sale.SaleMachine;
import io.qrvend.terminal.sale.SalePolicy;
import io.qrvend.terminal.sale.SaleState;
import io.qrvend.terminal.time.ClockStep;
import io.qrvend.terminal.time.ClockWatch;
import io.qrvend.terminal.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs sales: takes selections, applies each event to its sale through {@link SaleMachine},
 * commits each transition to the {@link EngineJournal} and only then performs its effects. All of this
 * happens on the scheduler's one thread; the public methods may be called from any thread.
 *
 * <p>At {@link #start} the engine first drives every sale the journal holds unfinished to a final
 * state; until then, and after it halts, it refuses selections.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final String terminalId;
    private final EngineJournal journal;
    private final SaleMachine machine;
    private final SalePolicy policy;
    private final Scheduler scheduler;
    private final ScreenKeeper screens;
    private final EffectRunner runner;
    private final EngineListener listener;
    private final ClockWatch clock;
    private final OrderGroups groups;

    // Engine-thread state.
    private final Map<Long, LiveSale> active = new LinkedHashMap<>();
    private final SaleTimers timers;
    private final List<Long> recovering = new ArrayList<>();
    private volatile boolean ready;
    private volatile Throwable halted;
    private volatile boolean closing;
    private CompletableFuture<Void> drained;
    private CompletableFuture<Void> settled;

    Engine(EngineBuilder b) {
        this.terminalId = OrderNumbers.checkTerminalId(b.terminalId);
        this.journal = Objects.requireNonNull(b.journal, "journal");
        this.policy = Objects.requireNonNull(b.policy, "policy");
        this.machine = new SaleMachine(policy);
        this.scheduler = Objects.requireNonNull(b.scheduler, "scheduler");
        this.timers = new SaleTimers(scheduler, this::step);
        this.screens = new ScreenKeeper(Objects.requireNonNull(b.display, "display"), scheduler, policy.screenHold(),
                this::idleScreen);
        this.listener = b.listener;
        this.groups = new OrderGroups(active, List.copyOf(Objects.requireNonNull(b.gateways, "gateway").keySet()), policy, screens);
        this.runner = new EffectRunner(b.gateways, Objects.requireNonNull(b.vend, "vend"),
                Objects.requireNonNull(b.network, "network executor"), Objects.requireNonNull(b.hardware, "hardware executor"),
                (id, event) -> scheduler.execute(() -> step(id, event)));
        this.clock = new ClockWatch(scheduler, this::clockStepped);
    }

    public static EngineBuilder builder() {
        return new EngineBuilder();
    }

    /** Starts recovery; selections are accepted once {@link #isReady()}. */
    public void start() {
        scheduler.execute(() -> guarded(this::recover));
        scheduler.schedule(ClockWatch.INTERVAL, this::watchClock);
    }

    /** Checks the wall clock against the monotonic one every few seconds while the engine works. */
    private void watchClock() {
        if (halted != null) {
            return;
        }
        guarded(clock::check);
        scheduler.schedule(ClockWatch.INTERVAL, this::watchClock);
    }

    /** Timers run on the monotonic clock and go on unaffected; the step is kept for audits and status. */
    private void clockStepped(ClockStep step) {
        log.warn("the wall clock stepped {} (now {}); sale timers run on the monotonic clock and are not affected",
                step.describe(), step.at());
        journal.clockStepped(step);
    }

    /** Whether recovery is done and the engine has not halted. */
    public boolean isReady() {
        return ready && halted == null;
    }

    /** Why the engine stopped working, if it did. A halted engine needs a restart and recovery. */
    public Optional<Throwable> halted() {
        return Optional.ofNullable(halted);
    }

    /** A customer chose {@code slotId}. */
    public CompletableFuture<Selection> select(String slotId) {
        return onEngineThread(() -> selectNow(slotId));
    }

    /** The customer cancelled; true if a sale awaiting payment is being cancelled (every order of it). */
    public CompletableFuture<Boolean> cancel() {
        return onEngineThread(() -> {
            List<LiveSale> unpaid = groups.customer().stream().filter(OrderGroups::offersPayment).toList();
            for (LiveSale live : unpaid) {
                step(live.id(), new SaleEvent.CustomerCancel());
            }
            return !unpaid.isEmpty();
        });
    }

    /**
     * Stops taking selections, cancels the order of a customer who has not paid, and completes once
     * no sale occupies the machine (a paid sale has vended or moved on to its refund). Sales that go
     * on in the background (a refund, a sent cancel) are left to recovery at the next start.
     */
    public CompletableFuture<Void> drain() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            closing = true;
            drained = done;
            for (LiveSale live : groups.customer()) {
                if (OrderGroups.offersPayment(live)) {
                    log.info("sale {} {}: closing down; cancelling the unpaid order", live.id(), live.sale().orderNo());
                    step(live.id(), new SaleEvent.CustomerCancel());
                }
            }
            screens.outOfService("Closed");
            checkDrained();
        });
        return done;
    }

    /**
     * After {@link #drain}: completes once no sale is active at all, background refunds and cancels
     * included. A stop waits a little for this, so sales are not left to recovery needlessly.
     */
    public CompletableFuture<Void> settled() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> {
            settled = done;
            checkDrained();
        });
        return done;
    }

    /** What the engine is doing, for {@code qrvend status}. */
    public CompletableFuture<EngineStatus> status() {
        return onEngineThread(() -> {
            // No clock check here: a check may journal a step, and asking for status must not
            // write (on a full disk it would halt the engine). The periodic check shows a step within 10 s.
            // With two wallets the customer's sale is shown by its paid order, else by its first.
            Sale customer = groups.customer().stream().map(LiveSale::sale)
                    .min(Comparator.comparing((Sale o) -> o.paidAt() == null).thenComparing(Sale::id)).orElse(null);
            return new EngineStatus(ready, closing, halted == null ? null : String.valueOf(halted.getMessage()),
                    customer, active.size(), clock.uptime(), clock.lastStep().orElse(null));
        });
    }

    /** The catalog changed (price, stock, a slot on or off): the idle screen is redrawn if it is up. */
    public void catalogChanged() {
        scheduler.execute(() -> {
            if (ready && !closing && halted == null && screens.customerGroup() == null) {
                screens.showIdle();
            }
        });
    }

    /** A drop sensor fired: the one of {@code slotId}, or the machine's shared one when null. */
    public void dropSeen(String slotId) {
        scheduler.execute(() -> {
            for (LiveSale live : List.copyOf(active.values())) {
                Sale s = live.sale();
                if (s.state() == SaleState.VENDING && s.sensor() && (slotId == null || slotId.equals(s.slotId()))) {
                    step(s.id(), new SaleEvent.DropSeen());
                    return;
                }
            }
            log.warn("drop sensor {} fired with no vend waiting for it; ignored", slotId == null ? "(shared)" : slotId);
        });
    }

    private <T> CompletableFuture<T> onEngineThread(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        scheduler.execute(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /**
     * Finishes the sales a crash or stop left unfinished. New selections wait only for those that
     * still hold the machine (one might still vend); the others (a cancel already sent, a refund)
     * go on in the background, as they would have without the restart. Waiting for those too once
     * kept the machine refusing customers for minutes after a power cut: an unscanned order whose
     * cancel finds no trade is watched until it expires.
     */
    private void recover() {
        List<Sale> unfinished = journal.unfinishedSales();
        for (Sale sale : unfinished) {
            active.put(sale.id(), LiveSale.recovered(sale, journal.otherOrderPaid(sale), scheduler.nanoTime()));
            if (sale.occupiesMachine()) {
                recovering.add(sale.id());
            }
        }
        if (!unfinished.isEmpty()) {
            log.info("recovery: {} unfinished sale(s), {} of them holding the machine until they are settled",
                    unfinished.size(), recovering.size());
        }
        if (!recovering.isEmpty()) {
            screens.show(new Screen.OutOfService("Finishing earlier sales, please wait"));
        }
        for (Sale sale : unfinished) {
            step(sale.id(), new SaleEvent.Recover());
        }
        checkReady();
    }

    private void checkReady() {
        if (!ready && recovering.isEmpty() && halted == null) {
            ready = true;
            log.info("ready: taking selections");
            if (closing) {
                return;
            }
            screens.showIdle();
            listener.ready();
        }
    }

    private Selection selectNow(String slotId) {
        String refusal = refusal(slotId);
        if (refusal != null) {
            log.info("selection of slot {} refused: {}", slotId, refusal);
            listener.refused(slotId, refusal);
            if (halted == null) {
                screens.notice(refusal);
            }
            return new Selection.Refused(refusal);
        }
        Slot slot = journal.catalog().slot(slotId).orElseThrow();
        Duration drop = slot.dropWindow() != null ? slot.dropWindow() : policy.dropWindow();
        List<Sale> orders;
        try {
            orders = journal.openSale(terminalId, slot, drop, groups.wallets(), scheduler.now());
            for (Sale order : orders) {
                log.info("sale {} {}: -> CREATED: slot {} {} at {}{}", order.id(), order.orderNo(), slot.id(), slot.name(),
                        Money.format(slot.priceFen()), orders.size() > 1 ? ", order at " + order.wallet().label() : "");
                listener.transition(null, order, "slot " + slot.id() + " selected");
            }
        } catch (Throwable t) {
            halt(t);
            return new Selection.Refused("Out of service");
        }
        Sale first = orders.get(0);
        screens.newCustomer(first.groupId());
        List<LiveSale> opened = new ArrayList<>();
        for (Sale order : orders) {
            LiveSale live = LiveSale.fresh(order, scheduler.nanoTime());
            active.put(order.id(), live);
            opened.add(live);
        }
        // Every order is on disk before the first is sent to its backend.
        for (LiveSale live : opened) {
            guarded(() -> applyAll(machine.open(live)));
        }
        return new Selection.Accepted(first.id(), first.orderNo());
    }

    /** Why {@code slotId} cannot be sold now, in words for the screen; null if it can. */
    private String refusal(String slotId) {
        if (halted != null) {
            return "Out of service";
        }
        if (closing) {
            return "Closed";
        }
        if (!ready) {
            return "Starting up, please wait";
        }
        for (LiveSale live : active.values()) {
            if (live.sale().occupiesMachine()) {
                return "Please wait: a sale is in progress";
            }
        }
        Optional<Slot> found = journal.catalog().slot(slotId);
        if (found.isEmpty()) {
            return "There is no slot " + slotId;
        }
        Slot slot = found.get();
        if (!slot.enabled()) {
            return slot.name() + " (" + slot.id() + ") is not available";
        }
        if (slot.stock() <= 0) {
            return slot.name() + " is sold out";
        }
        if (slot.priceFen() <= 0) {
            log.error("slot {} has price {}, which cannot be sold; set a price above 0", slot.id(),
                    Money.format(slot.priceFen()));
            return slot.name() + " has no valid price; please call the operator";
        }
        return null;
    }

    private void step(long saleId, SaleEvent event) {
        if (halted != null) {
            return;
        }
        LiveSale live = active.get(saleId);
        if (live == null) {
            log.debug("sale {}: {} after the sale ended; ignored", saleId, event);
            return;
        }
        guarded(() -> {
            List<Decision> decisions = machine.apply(live, event, scheduler.now(), scheduler.nanoTime());
            if (decisions.isEmpty()) {
                log.debug("sale {}: {} changes nothing in {}", saleId, event, live.state());
            }
            applyAll(decisions);
        });
    }

    private void applyAll(List<Decision> decisions) {
        for (Decision d : decisions) {
            apply(d);
        }
    }

    /** Journal first, then effects: the rule that lets recovery finish any sale after a crash. */
    private void apply(Decision d) {
        long id = d.next().id();
        Sale before = active.get(id).sale();
        Sale after = d.next().sale();
        if (d.journaled()) {
            journal.record(before, after, d.cause(), scheduler.now(), d.takesItem());
            log.info("sale {} {}: {} -> {}: {}", id, after.orderNo(), before.state(), after.state(), d.cause());
            listener.transition(before, after, d.cause());
        }
        if (before.state() != after.state()) {
            timers.cancel(id);
        }
        boolean finished = after.state().isFinal();
        if (finished) {
            active.remove(id);
        } else {
            active.put(id, d.next());
        }
        for (Effect effect : d.effects()) {
            perform(d.next(), effect);
        }
        if ((finished || !after.occupiesMachine()) && recovering.remove(id)) {
            log.info("recovery: sale {} {} {} {}", id, after.orderNo(), finished ? "ended" : "no longer holds the machine:",
                    after.state());
            checkReady();
        }
        if (finished || before.occupiesMachine() && !after.occupiesMachine()) {
            groups.release(after.groupId());
        }
        if (before.paidAt() == null && after.paidAt() != null) {
            closeOtherOrders(after);
        }
        checkDrained();
    }

    /**
     * A payment was recorded on {@code paid}: every other order of its sale is told at once, in this
     * same turn of the engine thread, so an answer already queued for one of them (a second payment)
     * finds it lost and is refunded, never vended.
     */
    private void closeOtherOrders(Sale paid) {
        for (LiveSale other : groups.of(paid.groupId())) {
            if (other.id() != paid.id()) {
                step(other.id(), new SaleEvent.OtherOrderPaid(paid.wallet()));
            }
        }
    }

    /**
     * A halted engine has nothing more to wait for: its sales stay as the journal holds them, for
     * recovery at the next start, so a stop of a halted terminal does not sit out its grace.
     */
    private void checkDrained() {
        boolean stalled = halted != null;
        if (drained != null && !drained.isDone() && (stalled || active.values().stream().noneMatch(l -> l.sale().occupiesMachine()))) {
            log.info(stalled ? "closed: the engine is halted; its sales are left to recovery" : "closed: no sale occupies the machine");
            drained.complete(null);
        }
        if (settled != null && !settled.isDone() && (stalled || active.isEmpty())) {
            settled.complete(null);
        }
    }

    /** Every kind of effect is named here: a new one does not compile until the engine performs it. */
    private void perform(LiveSale live, Effect effect) {
        Sale sale = live.sale();
        Runnable action = effect.match(
                create -> () -> runner.createOrder(sale, create),
                query -> () -> runner.queryOrder(sale, query),
                cancel -> () -> runner.cancelOrder(sale, cancel),
                refund -> () -> runner.refund(sale, refund),
                refundQuery -> () -> runner.queryRefund(sale, refundQuery),
                pulse -> () -> runner.pulse(sale, pulse),
                arm -> () -> timers.arm(sale.id(), arm.kind(), arm.delay()),
                show -> () -> groups.show(live, show.screen()),
                alert -> () -> log.warn("sale {} {}: {}", sale.id(), sale.orderNo(), alert.message()));
        action.run();
    }

    private Screen idleScreen() {
        List<Screen.Offer> offers = new ArrayList<>();
        for (Slot slot : journal.catalog().slots()) {
            offers.add(new Screen.Offer(slot.id(), slot.name(), slot.priceFen(),
                    slot.enabled() && slot.stock() > 0 && slot.priceFen() > 0));
        }
        return new Screen.Idle(offers);
    }

    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (Throwable t) {
            halt(t);
        }
    }

    /** Stops all work: a sale whose transition could not be handled is left to recovery at restart. */
    private void halt(Throwable cause) {
        if (halted != null) {
            return;
        }
        halted = cause;
        log.error("engine halted; restart the terminal to recover unfinished sales", cause);
        timers.cancelAll();
        screens.outOfService();
        listener.halted(cause);
        checkDrained();
    }
}
