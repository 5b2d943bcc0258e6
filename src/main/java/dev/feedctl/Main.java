package dev.feedctl;

import dev.feedctl.cli.Cli;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The only System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // 64 KiB between the writer and System.out: streamed lines leave in a few large writes, not one per line
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new BufferedOutputStream(new PipeAware(System.out),
                1 << 16), StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Cli.run(out, err, System.getenv(), args);
        // a final flush on a thread of its own: a reader that never reads must not keep the process alive
        Thread flush = new Thread(out::flush, "feedctl-final-flush");
        flush.setDaemon(true);
        flush.start();
        try {
            flush.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.flush();
        System.exit(code);
    }

    /**
     * PrintStream swallows write errors, so a reader that went away ({@code feedctl subscribe | head}) would go
     * unnoticed; this turns the stream's error flag back into an IOException, which PrintWriter.checkError reports.
     */
    private static final class PipeAware extends FilterOutputStream {
        private final PrintStream stream;

        PipeAware(PrintStream stream) {
            super(stream);
            this.stream = stream;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            stream.write(b, off, len);
            failIfClosed();
        }

        @Override
        public void flush() throws IOException {
            stream.flush();
            failIfClosed();
        }

        private void failIfClosed() throws IOException {
            if (stream.checkError()) {
                throw new IOException("stdout is closed");
            }
        }
    }
}
