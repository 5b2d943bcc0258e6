package dev.feedctl.dist;

import dev.feedctl.cli.Cli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc source of a man page for feedctl and each of its subcommands (picocli's ManPageGenerator),
 * from the same command tree the program runs with: subcommands are added in code, so ManPageGenerator's own main,
 * which reads annotations only, would miss them. Built and run by the {@code dist} profile only; never in the jar.
 */
public final class ManPages {

    private ManPages() {
    }

    /** {@code args[0]}: the folder for {@code feedctl.adoc}, {@code feedctl-verify.adoc}, and so on. */
    public static void main(String[] args) throws IOException {
        PrintWriter quiet = new PrintWriter(new StringWriter());
        CommandLine cl = Cli.create(quiet, quiet, Map.of("NO_COLOR", "1"));
        int written = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true,
                cl.getCommandSpec());
        if (written != 0) {
            throw new IOException("ManPageGenerator failed with " + written);
        }
    }
}
