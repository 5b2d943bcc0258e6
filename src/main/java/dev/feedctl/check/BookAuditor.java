package dev.feedctl.check;

import dev.feedctl.protocol.DecimalsAndTimes;
import dev.feedctl.protocol.ProductBook;
import dev.feedctl.transport.RestClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fetches REST's product_book for each level2 product every {@link #EVERY} during the run (within the shared REST
 * budget), and once more after it, so the socket's book is compared at least once and as the run ended.
 */
final class BookAuditor extends RestRounds {

    static final Duration EVERY = Duration.ofSeconds(3);

    /** REST's book: the best levels a side and the moment it stood so. */
    record RestBook(String product, Instant time, List<SocketBook.Level> bids, List<SocketBook.Level> asks,
                    long fetchedNanos) {
    }

    private final int depth;
    final ConcurrentLinkedQueue<RestBook> books = new ConcurrentLinkedQueue<>();

    BookAuditor(RestClient rest, List<String> products, int depth, long endNanos) {
        super(rest, products, endNanos, new RestTally("audit"));
        this.depth = depth;
    }

    @Override
    void rounds() throws InterruptedException {
        Thread.sleep(EVERY.toMillis() / 2); // the socket's snapshots come first
        while (running() && System.nanoTime() < endNanos) {
            long round = System.nanoTime();
            for (String p : products) {
                fetch(p, endNanos);
            }
            restOfRound(round, EVERY);
        }
    }

    /** One more round after the run: the book as the run ended is compared too, and at least once. */
    @Override
    void finish(long deadlineNanos) throws InterruptedException {
        for (String p : products) {
            fetch(p, deadlineNanos);
        }
    }

    private void fetch(String product, long deadlineNanos) throws InterruptedException {
        RestClient.Reply r = rest.getUnparsed("/market/product_book?product_id=" + product + "&limit=" + depth, false,
                deadlineNanos);
        if (TradeAuditor.notAsked(r)) {
            return; // the budget had no slot before the deadline: nothing was asked, nothing failed
        }
        tally.asked();
        ProductBook.Answer answer = r.status() == 200 ? ProductBook.read(r.body()) : null;
        RestBook b = answer == null ? null : book(product, answer);
        if (b == null) {
            tally.unusable(r.parsed(), "a product_book answer without pricebook bids, asks and time");
            return;
        }
        books.add(b);
    }

    private static RestBook book(String product, ProductBook.Answer a) {
        Instant time = a.time() == null ? null : DecimalsAndTimes.time(a.time());
        List<SocketBook.Level> bids = levels(a.bids());
        List<SocketBook.Level> asks = levels(a.asks());
        return time == null || bids == null || asks == null ? null : new RestBook(product, time, bids, asks,
                System.nanoTime());
    }

    private static List<SocketBook.Level> levels(List<ProductBook.Level> side) {
        if (side == null) {
            return null;
        }
        List<SocketBook.Level> out = new ArrayList<>(side.size());
        for (int i = 0; i < side.size(); i++) {
            BigDecimal price = RestSampler.decimal(side.get(i).price());
            BigDecimal size = RestSampler.decimal(side.get(i).size());
            if (price == null || size == null) {
                return null; // a level REST itself cannot state is no ground truth
            }
            out.add(new SocketBook.Level(price.stripTrailingZeros(), size));
        }
        return out;
    }
}
