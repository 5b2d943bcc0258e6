package dev.feedctl.sim;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;

/** What the simulator's parts share: config, market, timers, and the record of what clients did. */
final class SimContext {

    /** Client frames kept for inspection; older ones are dropped so memory stays flat. */
    static final int RECORD_LIMIT = 10_000;

    final SimConfig config;
    final Market market;
    final Clock exchangeClock;
    final ScheduledExecutorService timers;
    final Set<Session> sessions = new CopyOnWriteArraySet<>();
    final BlockingQueue<String> clientFrames = new ArrayBlockingQueue<>(RECORD_LIMIT);
    final List<String> authRejections = new CopyOnWriteArrayList<>();
    /** Trades the drop-trades fault kept from market_trades, newest last; older ones are dropped so memory stays flat. */
    final BlockingQueue<Market.Trade> tradesNotSent = new ArrayBlockingQueue<>(RECORD_LIMIT);
    /** Frames handed to the socket for clients, all connections together. */
    final java.util.concurrent.atomic.AtomicLong framesSent = new java.util.concurrent.atomic.AtomicLong();
    /** The faults new connections get: the configured ones, until {@link ExchangeSimulator#setFaults} changes them. */
    private volatile Faults faults;
    /** The observation log when someone watches (feedctl exam), else null; and the upgrade gate it may arm. */
    volatile ConnectionLog observations;
    volatile UpgradeGate upgradeGate;
    /** Without a registered key, take a socket JWT on trust instead of refusing it (feedctl exam grades it). */
    volatile boolean acceptUnverifiedTokens;

    SimContext(SimConfig config, ScheduledExecutorService timers) {
        this.config = config;
        this.exchangeClock = config.exchangeClock();
        this.market = new Market(config.seed(), exchangeClock, config.faults());
        this.timers = timers;
        this.faults = config.faults();
    }

    Faults faults() {
        return faults;
    }

    void setFaults(Faults f) {
        faults = f;
    }

    void recordClientFrame(String text) {
        if (!clientFrames.offer(text)) {
            clientFrames.poll();
            clientFrames.offer(text);
        }
    }

    void recordTradeNotSent(Market.Trade t) {
        if (!tradesNotSent.offer(t)) {
            tradesNotSent.poll();
            tradesNotSent.offer(t);
        }
    }

    /** One client connection's protocol state machine. */
    interface Session {
        void onText(String text);

        void onTrade(Market.Trade trade);

        void closed();

        /** Where this session's frames leave, for faults injected while it runs; null when it has none. */
        default FrameSender outlet() {
            return null;
        }
    }
}
