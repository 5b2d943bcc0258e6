package dev.feedctl.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiFunction;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal under {@code tail}'s table, on jline: raw mode and the alternate screen while it runs, redrawn in
 * place through jline's {@link Display} (only what changed is sent), resized on SIGWINCH, keys read without echo.
 * {@link #close} gives the terminal back exactly as it was, once, from whichever path ends the run.
 */
final class TailScreen implements AutoCloseable {

    private final org.jline.terminal.Terminal term;
    private final Attributes saved;
    private final Display display;
    private final boolean color;
    private volatile boolean resized = true;
    private boolean closed;
    private boolean drawn;

    TailScreen(org.jline.terminal.Terminal term, boolean color) {
        this.term = term;
        this.color = color;
        this.saved = term.enterRawMode();
        term.puts(Capability.enter_ca_mode);
        term.puts(Capability.cursor_invisible);
        term.flush();
        this.display = new Display(term, true);
        term.handle(org.jline.terminal.Terminal.Signal.WINCH, s -> resized = true);
    }

    /** The process's own terminal. */
    static TailScreen system(boolean color) {
        try {
            return new TailScreen(TerminalBuilder.builder().system(true).build(), color);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean color() {
        return color;
    }

    boolean drawn() {
        return drawn;
    }

    /** Draws the lines {@code render} makes for the current size (columns, rows). */
    synchronized void draw(BiFunction<Integer, Integer, List<String>> render) {
        if (closed) {
            return;
        }
        Size size = term.getSize();
        int cols = size.getColumns() > 0 ? size.getColumns() : 80;
        int rows = size.getRows() > 0 ? size.getRows() : 24;
        if (resized) {
            resized = false;
            display.clear();
            display.resize(rows, cols);
        }
        // the last column stays empty: writing it makes some terminals wrap and scroll
        List<AttributedString> lines = render.apply(cols - 1, rows).stream().map(AttributedString::fromAnsi).toList();
        display.update(lines, -1);
        term.flush();
        drawn = true;
    }

    /** A key, waiting at most {@code millis}; -2 when none came, -1 when input ended. */
    int key(long millis) {
        try {
            return closed ? -2 : term.reader().read(millis);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        term.puts(Capability.exit_ca_mode);
        term.puts(Capability.cursor_normal);
        term.setAttributes(saved);
        term.flush();
        try {
            term.close();
        } catch (IOException ignored) {
            // giving the terminal back is best effort once it is gone
        }
    }
}
