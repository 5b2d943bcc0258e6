package dev.feedctl.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** The one CommandLine factory, shared by {@code Main} and the tests. */
public final class Cli {

    private Cli() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env) {
        FeedctlCommand root = new FeedctlCommand(env);
        CommandLine cl = new CommandLine(root, new Factory(root));
        cl.setOut(out);
        cl.setErr(err);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(env.containsKey("NO_COLOR")
                ? CommandLine.Help.Ansi.OFF : CommandLine.Help.Ansi.AUTO));
        cl.setExecutionExceptionHandler(Cli::onException);
        cl.setParameterExceptionHandler(Cli::onBadParameters);
        cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        SimCommand.describeScenarios(cl.getSubcommands().get("sim"));
        return cl;
    }

    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        return create(out, err, env).execute(args);
    }

    private static int onException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.expandedArgs().contains("-v") || parsed.expandedArgs().contains("--verbose");
        if (ex instanceof ExitException e) {
            err.println(dev.feedctl.auth.Redactor.scrub("feedctl " + cl.getCommandName() + ": " + e.getMessage()));
            err.flush();
            return e.code();
        }
        if (ex instanceof InterruptedException) {
            err.println("feedctl: interrupted");
            return ExitCodes.INTERRUPTED;
        }
        err.println(dev.feedctl.auth.Redactor.scrub("feedctl " + cl.getCommandName() + ": internal error: " + ex
                + (verbose ? "" : " (run with --verbose for the stack trace)")));
        if (verbose) {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.println(dev.feedctl.auth.Redactor.scrub(trace.toString()));
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static int onBadParameters(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("feedctl " + cl.getCommandName() + ": " + ex.getMessage());
        err.println("Try 'feedctl " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Gives commands the root's environment; everything else is built the picocli way. */
    private record Factory(FeedctlCommand root) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == FeedctlCommand.class) {
                return cls.cast(root);
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
