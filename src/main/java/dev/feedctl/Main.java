package dev.feedctl;

import dev.feedctl.cli.Cli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The only System.exit. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Cli.run(out, err, System.getenv(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
