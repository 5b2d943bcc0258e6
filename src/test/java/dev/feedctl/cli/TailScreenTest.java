package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live table on a virtual 110×12 terminal (jline over in-memory streams): drawn in place on the alternate
 * screen, the keys work, and the terminal is given back on the way out.
 */
@Timeout(60)
class TailScreenTest {

    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private PipedOutputStream keys;
    /** The virtual terminal's width. */
    private int columns = 110;

    /** A virtual terminal for tail to draw on, typed into through {@link #keys}. */
    private java.util.function.Supplier<TailScreen> virtualTerminal() throws Exception {
        keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys);
        return () -> {
            try {
                // jline's pure-Java terminal over the streams: written synchronously (a pty-backed one pumps its
                // output on a thread of its own, and what it had not pumped yet is lost at close)
                ExternalTerminal vt = new ExternalTerminal("virtual", "xterm-256color", in, screen,
                        StandardCharsets.UTF_8);
                vt.setSize(new Size(columns, 12));
                return new TailScreen(vt, false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    private String shown() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** What a 110×12 terminal shows after everything tail wrote to it: jline's VT100 emulator replays the bytes. */
    private String visible() {
        ScreenTerminal vt = new ScreenTerminal(columns, 12);
        vt.write(shown());
        return vt.toString();
    }

    private void await(Predicate<String> what, String description, TailCommandTest.Live t) throws Exception {
        long end = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < end && t.thread.isAlive()) {
            if (what.test(visible())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never showed " + description + "\n" + visible() + "\n" + t);
    }

    @Test
    void theTableIsDrawnPausedSortedAndQuitWithQAndTheTerminalRestored() throws Exception {
        try (TailCommandTest.Live t = new TailCommandTest.Live(virtualTerminal(), "tail", "--sim", "-p",
                "BTC-USD,ETH-USD")) {
            await(s -> s.contains("ETH-USD") && s.contains("live") && s.contains(" connected "), "live rows", t);
            assertTrue(shown().startsWith("\u001b[?1049h"), "drawn on the alternate screen");
            String table = visible();
            assertTrue(table.lines().anyMatch(l -> l.startsWith("BTC-USD") && l.matches(".*\\d{5}\\.?\\d*.*")),
                    "a BTC price on its row:\n" + table);
            keys.write('p');
            keys.flush();
            await(s -> s.contains("[paused]"), "the pause", t);
            keys.write('s');
            keys.flush();
            await(s -> s.contains("sort (age)"), "the next sort", t);
            keys.write('q');
            keys.flush();
            assertEquals(0, t.join(), t::toString);
            assertTrue(shown().contains("\u001b[?1049l"), "the alternate screen is left on exit");
            assertTrue(shown().contains("\u001b[?25h"), "the cursor is shown again");
            assertTrue(t.out.toString().isEmpty(), "nothing but the table on the terminal: " + t.out);
        }
    }

    /**
     * The status line as the engine makes it, not as a test wrote it: a feed that never acknowledges keeps tail
     * reconnecting, and the screen says which attempt it is on and after what.
     */
    @Test
    void theStatusLineShowsTheEnginesReconnectAttemptAndItsCause() throws Exception {
        try (TailCommandTest.Live t = new TailCommandTest.Live(virtualTerminal(), "tail", "--sim=no-ack",
                "--timeout", "500ms", "-p", "BTC-USD")) {
            java.util.regex.Pattern retrying = java.util.regex.Pattern.compile("reconnecting in \\d+\\.\\d s "
                    + "\\(attempt [2-9]\\d*, last: no subscriptions acknowledgement");
            await(s -> retrying.matcher(s).find(), "a later attempt and its cause", t);
            String status = visible().lines().findFirst().orElse("");
            assertTrue(retrying.matcher(status).find() && !status.contains(" connected "), status);
            keys.write('q');
            keys.flush();
            assertEquals(0, t.join(), t::toString);
        }
    }

    /**
     * With --rest-check the table counts each product's missed trades as REST finds them (drop-trades keeps every 5th
     * trade off the socket) and shows its level2 book's health (that fault leaves the book alone: ok).
     */
    @Test
    void restCheckShowsEachProductsMissedTradesAndBookHealth() throws Exception {
        columns = 120;
        try (TailCommandTest.Live t = new TailCommandTest.Live(virtualTerminal(), "tail", "--sim=drop-trades",
                "--rest-check", "1s", "-c", "market_trades,level2", "-p", "BTC-USD")) {
            java.util.regex.Pattern head = java.util.regex.Pattern.compile("STATE +MISSED +BOOK");
            java.util.regex.Pattern row = java.util.regex.Pattern.compile("(?m)^BTC-USD .* ([1-9]\\d*) +ok *$");
            await(s -> head.matcher(s).find() && row.matcher(s).find(), "a missed count above 0 and book ok", t);
            keys.write('q');
            keys.flush();
            assertEquals(0, t.join(), t::toString);
        }
    }

    /** Without --rest-check the table keeps its 100 columns: no MISSED or BOOK that nothing fills. */
    @Test
    void withoutRestCheckThereIsNoMissedOrBookColumn() throws Exception {
        try (TailCommandTest.Live t = new TailCommandTest.Live(virtualTerminal(), "tail", "--sim", "-c",
                "market_trades,level2", "-p", "BTC-USD")) {
            await(s -> s.contains("STATE") && s.contains(" connected "), "the table", t);
            String table = visible();
            assertTrue(!table.contains("MISSED") && !table.contains("BOOK"), table);
            keys.write('q');
            keys.flush();
            assertEquals(0, t.join(), t::toString);
        }
    }

    @Test
    void aFatalErrorStillRestoresTheTerminal() throws Exception {
        try (TailCommandTest.Live t = new TailCommandTest.Live(virtualTerminal(), "tail",
                "--sim=legacy-exchange")) {
            assertEquals(5, t.join(), t::toString);
            String raw = shown().replace("\u001b", "ESC");
            assertTrue(shown().contains("\u001b[?1049l"), "the alternate screen is left: " + raw.substring(Math.max(0, raw.length() - 200)) + t);
            assertTrue(t.err.toString().contains("legacy Exchange"), t::toString);
        }
    }
}
