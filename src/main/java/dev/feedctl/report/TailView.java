package dev.feedctl.report;

import dev.feedctl.check.RestVerdicts;
import dev.feedctl.transport.PriceBoard;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tail}'s full-screen table as lines of exactly the screen's width: a status line, a header, one row per
 * product, a key line. Stale products show their price dimmed and the word {@code stale} (so it is plain without
 * colour too); up and down ticks are green and red when colour is on. A pure function of what it is given, so a test
 * renders it into a screen of any size.
 */
public final class TailView {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";
    private static final String BOLD = "\u001b[1m";

    /**
     * What the status line says.
     *
     * @param state {@code connected}, or {@code reconnecting in 2.1 s (attempt 3, last: close 1001 going away)}
     */
    public record Status(String endpoint, String state, Duration uptime, long frames, long outages, long invalid,
                         boolean paused, TailSort sort) {
    }

    private static final String[] HEADS = {"PRODUCT", "PRICE", "24H %", "BID", "ASK", "SPR bps", "AGE", "MSG/S",
        "GAPS", "STATE"};
    /** 98 columns in all: the whole row fits a 100-column terminal. */
    private static final int[] WIDTHS = {12, 13, 8, 13, 13, 8, 8, 6, 5, 12};
    /**
     * With {@code --rest-check}: MISSED (trades REST has that the socket did not deliver, market_trades) and BOOK
     * ({@code ok}, {@code drift}, {@code -} before the first comparison; level2) follow, past the 100 columns.
     */
    private static final int TRUTH_WIDTH = 7;

    private TailView() {
    }

    /**
     * Exactly {@code height} lines, none wider than {@code width} visible columns: the rows in the status's order,
     * each with what REST says of it.
     */
    public static List<String> render(List<PriceBoard.Row> board, RestVerdicts verdicts, Status status, int width,
                                      int height, boolean color) {
        List<Row> rows = status.sort().sorted(board).stream().map(r -> new Row(r, verdicts.of(r.product()))).toList();
        List<String> out = new ArrayList<>();
        // what matters first (the connection state, the counters); the endpoint last, where a narrow screen cuts it
        out.add(fit(BOLD, "feedctl tail  " + status.state() + "  up " + clock(status.uptime()) + "  frames "
                + status.frames() + "  outages " + status.outages()
                + (status.invalid() > 0 ? "  invalid " + status.invalid() : "")
                + (status.paused() ? "  [paused]" : "") + "  " + status.endpoint(), width, color));
        boolean missed = rows.stream().anyMatch(r -> r.missed() != null);
        boolean book = rows.stream().anyMatch(r -> r.book() != null);
        StringBuilder head = new StringBuilder();
        for (int i = 0; i < HEADS.length; i++) {
            head.append(cell(HEADS[i], WIDTHS[i], i == 0));
        }
        head.append(missed ? cell("MISSED", TRUTH_WIDTH, false) : "").append(book ? cell("BOOK", TRUTH_WIDTH, false)
                : "");
        out.add(fit(DIM, head.toString(), width, color));
        int room = Math.max(0, height - 3);
        for (int i = 0; i < rows.size() && out.size() - 2 < room; i++) {
            boolean last = i == room - 1 && rows.size() > room;
            out.add(last ? fit(DIM, "… " + (rows.size() - room + 1) + " more products (resize the terminal)", width,
                    color) : row(rows.get(i), width, color, missed, book));
        }
        while (out.size() < height - 1) {
            out.add(" ".repeat(Math.max(0, width)));
        }
        if (height >= 1) {
            out.add(fit(DIM, "q quit  p " + (status.paused() ? "resume" : "pause") + "  s sort (" + status.sort()
                    .name().toLowerCase(java.util.Locale.ROOT) + ")", width, color));
        }
        return out.size() > height ? out.subList(0, height) : out;
    }

    /** A product as the table shows it: what the socket delivered and what REST says of it. */
    private record Row(PriceBoard.Row p, RestVerdicts.Verdict v) {
        String missed() {
            return v.missed();
        }

        String book() {
            return v.book();
        }
    }

    private static String row(Row row, int width, boolean color, boolean missed, boolean book) {
        PriceBoard.Row r = row.p();
        String rest = row.v().rest();
        String state = r.stale() ? "stale" + (rest != null && !"ok".equals(rest) ? " " + rest : "")
                : rest != null && !"ok".equals(rest) ? rest
                : row.v().deviationBps() != null ? "live Δ" + String.format(java.util.Locale.ROOT, "%.1f",
                        row.v().deviationBps()) : "live";
        String[] cells = {r.product(), num(r.price()), pct(r.change24h()), num(r.bid()), num(r.ask()),
            r.spreadBps() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", r.spreadBps()),
            age(r.age()), Long.toString(r.perSecond()), Long.toString(r.gaps()), state,
            missed ? dash(row.missed()) : null, book ? dash(row.book()) : null};
        StringBuilder plain = new StringBuilder();
        StringBuilder styled = new StringBuilder();
        int used = 0;
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] == null) {
                continue; // a column the table does not show
            }
            String c = cell(cells[i], i < WIDTHS.length ? WIDTHS[i] : TRUTH_WIDTH, i == 0);
            if (used + c.length() > width) {
                c = c.substring(0, Math.max(0, width - used));
            }
            used += c.length();
            plain.append(c);
            String style = i == 1 && r.stale() ? DIM : i == 1 && r.direction() > 0 ? GREEN
                    : i == 1 && r.direction() < 0 ? RED : i == 9 && r.stale() ? BOLD
                    : i == 10 && !"0".equals(row.missed()) || i == 11 && "drift".equals(row.book()) ? RED : null;
            styled.append(style == null || !color ? c : style + c + RESET);
            if (used >= width) {
                break;
            }
        }
        String pad = " ".repeat(Math.max(0, width - used));
        return (color ? styled : plain) + pad;
    }

    private static String fit(String style, String text, int width, boolean color) {
        String t = text.length() > width ? text.substring(0, Math.max(0, width)) : text
                + " ".repeat(width - text.length());
        return color ? style + t + RESET : t;
    }

    private static String cell(String s, int w, boolean left) {
        if (s.length() >= w) {
            return s.substring(0, w - 1) + " ";
        }
        String pad = " ".repeat(w - 1 - s.length());
        return (left ? s + pad : pad + s) + " ";
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String num(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }

    private static String pct(BigDecimal d) {
        return d == null ? "-" : (d.signum() > 0 ? "+" : "") + d.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Uptime as H:MM:SS. */
    static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String age(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : ms < 60_000 ? String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0)
                : ms / 60_000 + "m";
    }
}
