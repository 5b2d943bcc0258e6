package dev.feedctl.sim;

import dev.feedctl.protocol.Channels;
import java.util.List;

/** What a new subscription gets first: the snapshot of each channel (docs/protocol.md §3). */
final class Snapshots {

    private Snapshots() {
    }

    /** @param tradesAfter where a market_trades snapshot notes the first trade id its updates may carry */
    static void send(SimContext ctx, FrameSender out, String channel, List<String> products,
                     java.util.Map<String, Long> tradesAfter) {
        List<Market.Product> ps = products.stream().map(ctx.market::product).toList();
        switch (channel) {
            case "ticker", "ticker_batch" -> {
                if (!ps.isEmpty()) {
                    out.data(channel, SimFrames.tickers("snapshot", ps, "ticker".equals(channel)));
                }
            }
            case "level2" -> {
                int min = ctx.faults().find(Fault.BigSnapshot.class).map(Fault.BigSnapshot::bytes).orElse(0);
                ps.forEach(p -> out.data(Channels.L2_DATA, SimFrames.l2Snapshot(p.id,
                        ctx.market.book(p, SimFrames.BOOK_LEVELS), min)));
            }
            case "market_trades" -> ps.forEach(p -> {
                List<Market.Trade> recent = p.recentTrades(50);
                tradesAfter.put(p.id, recent.isEmpty() ? 0L : recent.get(0).tradeId() + 1);
                out.data(channel, SimFrames.trades("snapshot", recent));
            });
            case "candles" -> {
                if (!ps.isEmpty()) {
                    out.data(channel, SimFrames.candles("snapshot", ps, ctx.exchangeClock.instant()));
                }
            }
            case "status" -> out.data(channel, SimFrames.status(products));
            case "user" -> out.data(channel, SimFrames.userSnapshot());
            case "futures_balance_summary" -> out.data(channel, SimFrames.futuresSnapshot());
            default -> {
                // heartbeats: the next one is due within a second
            }
        }
    }
}
