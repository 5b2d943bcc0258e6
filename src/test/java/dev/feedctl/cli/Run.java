package dev.feedctl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One command run through the real CommandLine factory: exit code, stdout, stderr, printed whole on failure. */
public record Run(List<String> args, int code, String out, String err) {

    public static Run of(String... args) {
        return with(Map.of(), args);
    }

    public static Run with(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new Run(Arrays.asList(args), code, out.toString(), err.toString());
    }

    /** The same outcome under other arguments (to compare two spellings of one command). */
    public Run withArgs(List<String> other) {
        return new Run(other, code, out, err);
    }

    public List<String> outLines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Override
    public String toString() {
        return "feedctl " + String.join(" ", args) + "\n--- exit " + code + "\n--- stdout\n" + out + "--- stderr\n"
                + err;
    }
}
