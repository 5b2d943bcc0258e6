package dev.feedctl.check;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares each REST book with the socket's book as it stood at REST's {@code time}, once the socket's updates have
 * passed that moment by REST's lag. A level missing, extra or of another size is a difference unless the socket's
 * level held REST's size at some moment within REST's lag around it (updates in flight). Judging thread only.
 */
final class BookJudge {

    static final int EXAMPLES = 5;
    /** A REST book waits at most this long for the socket to pass its time, then is compared with what there is. */
    private static final Duration WAIT = Duration.ofSeconds(3);

    record Difference(String product, boolean bid, BigDecimal price, BigDecimal socket, BigDecimal rest, Instant time) {
        String describe() {
            return product + " " + SocketBook.side(bid) + " " + price.toPlainString() + ": socket "
                    + (socket == null ? "no level" : socket.toPlainString()) + ", REST " + (rest == null ? "no level"
                    : rest.toPlainString()) + " at " + time;
        }
    }

    private final int depth;
    private final List<Waiting> waiting = new ArrayList<>();

    /** A REST book not judged yet; {@code looked}: looked at once as the stream passed its time ({@link #agreesNow}). */
    private static final class Waiting {
        final BookAuditor.RestBook book;
        boolean looked;

        Waiting(BookAuditor.RestBook book) {
            this.book = book;
        }
    }
    long comparisons;
    long levelsAgreed;
    long explained;
    long differences;
    /** Comparisons that found at least one difference. */
    long differing;
    long unaligned;
    private Difference first;
    final List<Difference> examples = new ArrayList<>();
    final Set<String> products = new LinkedHashSet<>();
    /** Per product, the first difference of its latest comparison; null when that comparison agreed. */
    final java.util.Map<String, Difference> latest = new java.util.HashMap<>();

    BookJudge(int depth) {
        this.depth = depth;
    }

    /**
     * Compares the REST books that are ready: the socket's stream has passed REST's time by REST's lag, or has passed
     * it and the book waited long enough. {@code all}: the run has ended, every book goes, but one from a moment the
     * socket's stream never reached ({@code seenThrough}, its latest frame time) is counted, not judged. A book the
     * stream has just passed is looked at once at that moment ({@link #agreesNow}): agreeing then, it needs no wait.
     */
    void drain(SocketBook socket, Instant seenThrough, boolean all) {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            BookAuditor.RestBook rest = w.book;
            if (!w.looked && seenThrough != null && seenThrough.isAfter(rest.time())) {
                w.looked = true;
                if (agreesNow(rest, socket)) {
                    it.remove();
                    continue;
                }
            }
            boolean reached = seenThrough != null && !rest.time().isAfter(seenThrough);
            boolean passed = seenThrough != null && seenThrough.isAfter(rest.time().plus(CheckSettings.REST_LAG));
            boolean waited = System.nanoTime() - rest.fetchedNanos() > WAIT.toNanos();
            if (passed || reached && (all || waited)) {
                it.remove();
                compare(rest, socket);
            } else if (all) {
                it.remove();
                unaligned++;
            }
        }
    }

    /**
     * Takes the REST books the auditor has fetched; true when any book waits to be judged, so the socket's books must
     * be brought up to date before {@link #drain}.
     */
    boolean take(BookAuditor auditor) {
        BookAuditor.RestBook b;
        while ((b = auditor.books.poll()) != null) {
            waiting.add(new Waiting(b));
        }
        return !waiting.isEmpty();
    }

    /**
     * Whether every level both books show in full agrees exactly, the socket's book rewound to REST's time just after
     * its stream passed that time; counted as a comparison when it does. Rewound by a few milliseconds of changes
     * instead of REST's lag (measured: 2 ms a comparison on one level2 product at 15,000 changes a second, every 2 s,
     * most of what the book check cost the judging thread). A difference is left to {@link #compare} once the stream
     * has passed REST's time by its lag, where updates in flight may explain it: nothing is judged on a look alone.
     */
    private boolean agreesNow(BookAuditor.RestBook rest, SocketBook socket) {
        List<SocketBook.Level> bids = socket.topAt(rest.product(), true, depth, rest.time());
        List<SocketBook.Level> asks = socket.topAt(rest.product(), false, depth, rest.time());
        if (bids == null || asks == null) {
            return false;
        }
        int agreedBids = agreeing(true, limit(rest.bids()), bids);
        int agreedAsks = agreeing(false, limit(rest.asks()), asks);
        if (agreedBids < 0 || agreedAsks < 0) {
            return false;
        }
        comparisons++;
        products.add(rest.product());
        levelsAgreed += agreedBids + agreedAsks;
        latest.put(rest.product(), null);
        return true;
    }

    /** How many levels agree when every level in the range both lists show in full does; -1 when one does not. */
    private int agreeing(boolean bid, List<SocketBook.Level> r, List<SocketBook.Level> s) {
        int agreed = 0;
        for (Row row : compared(bid, r, s)) {
            if (row.rest() == null || row.socket() == null || row.rest().compareTo(row.socket()) != 0) {
                return -1;
            }
            agreed++;
        }
        return agreed;
    }

    private void compare(BookAuditor.RestBook rest, SocketBook socket) {
        List<SocketBook.Level> bids = socket.topAt(rest.product(), true, depth, rest.time());
        List<SocketBook.Level> asks = socket.topAt(rest.product(), false, depth, rest.time());
        if (bids == null || asks == null) {
            unaligned++;
            return;
        }
        comparisons++;
        products.add(rest.product());
        long before = differences;
        first = null;
        side(rest, socket, true, limit(rest.bids()), bids);
        side(rest, socket, false, limit(rest.asks()), asks);
        differing += differences > before ? 1 : 0;
        latest.put(rest.product(), first);
    }

    private List<SocketBook.Level> limit(List<SocketBook.Level> levels) {
        return levels.size() > depth ? levels.subList(0, depth) : levels;
    }

    private void side(BookAuditor.RestBook rest, SocketBook socket, boolean bid, List<SocketBook.Level> r,
                      List<SocketBook.Level> s) {
        for (Row row : compared(bid, r, s)) {
            BigDecimal p = row.price();
            BigDecimal rs = row.rest();
            BigDecimal ss = row.socket();
            if (rs != null && ss != null && rs.compareTo(ss) == 0) {
                levelsAgreed++;
            } else if (socket.heldWithin(rest.product(), bid, p, rs, rest.time().minus(CheckSettings.REST_LAG),
                    rest.time().plus(CheckSettings.REST_LAG))) {
                explained++;
            } else {
                differences++;
                Difference d = new Difference(rest.product(), bid, p, ss, rs, rest.time());
                first = first == null ? d : first;
                if (examples.size() < EXAMPLES) {
                    examples.add(d);
                }
            }
        }
    }

    /** One price of the compared range (REST's text when both list it) and each side's size there (null: none). */
    private record Row(BigDecimal price, BigDecimal rest, BigDecimal socket) {
    }

    /**
     * The prices to compare, best first, with both sizes: every level either list shows, but only in the price range
     * both show in full (a level below the shorter list's last is not "missing"). The two lists, a few levels each and
     * in order already, are merged: no tree of decimals built a look.
     */
    private List<Row> compared(boolean bid, List<SocketBook.Level> r, List<SocketBook.Level> s) {
        BigDecimal edge = edge(bid, r, s);
        List<SocketBook.Level> rest = bestFirst(bid, r);
        List<SocketBook.Level> mine = bestFirst(bid, s);
        List<Row> out = new ArrayList<>(rest.size() + mine.size());
        int i = 0;
        int j = 0;
        while (i < rest.size() || j < mine.size()) {
            int c = i == rest.size() ? 1 : j == mine.size() ? -1 : order(bid, rest.get(i).price(), mine.get(j).price());
            Row row = c < 0 ? new Row(rest.get(i).price(), rest.get(i++).size(), null)
                    : c > 0 ? new Row(mine.get(j).price(), null, mine.get(j++).size())
                    : new Row(rest.get(i).price(), rest.get(i++).size(), mine.get(j++).size());
            if (edge != null && order(bid, edge, row.price()) < 0) {
                break; // best first: every price after this one is past the edge too
            }
            out.add(row);
        }
        return out;
    }

    /** Negative when {@code x} is the better price on this side; 0 for one price ("100.10" and "100.1"). */
    private static int order(boolean bid, BigDecimal x, BigDecimal y) {
        return bid ? y.compareTo(x) : x.compareTo(y);
    }

    /**
     * The levels best first, one per price: a price listed twice keeps its first text and its last size, as a map's
     * put did. By insertion: the lists come in order already (REST's, and the rewind's).
     */
    private static List<SocketBook.Level> bestFirst(boolean bid, List<SocketBook.Level> levels) {
        List<SocketBook.Level> out = new ArrayList<>(levels.size());
        for (SocketBook.Level l : levels) {
            int at = out.size();
            while (at > 0 && order(bid, l.price(), out.get(at - 1).price()) < 0) {
                at--;
            }
            if (at > 0 && order(bid, l.price(), out.get(at - 1).price()) == 0) {
                out.set(at - 1, new SocketBook.Level(out.get(at - 1).price(), l.size()));
            } else {
                out.add(at, l);
            }
        }
        return out;
    }

    private BigDecimal edge(boolean bid, List<SocketBook.Level> r, List<SocketBook.Level> s) {
        BigDecimal re = r.size() < depth || r.isEmpty() ? null : r.get(r.size() - 1).price();
        BigDecimal se = s.size() < depth || s.isEmpty() ? null : s.get(s.size() - 1).price();
        if (re == null || se == null) {
            return re == null ? se : re;
        }
        return bid ? re.max(se) : re.min(se);
    }

}
