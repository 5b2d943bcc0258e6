package dev.feedctl.cli;

import dev.feedctl.auth.Redactor;
import dev.feedctl.check.ExitCode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** The one CommandLine factory, shared by {@code Main} and the tests. */
public final class Cli {

    private Cli() {
    }

    /** Subcommands by name, in the order --help lists them. */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("connect", ConnectCommand.class);
        m.put("subscribe", SubscribeCommand.class);
        m.put("probe", ProbeCommand.class);
        m.put("verify", VerifyCommand.class);
        m.put("tail", TailCommand.class);
        m.put("monitor", MonitorCommand.class);
        m.put("sim", SimCommand.class);
        m.put("exam", ExamCommand.class);
        m.put("generate-completion", picocli.AutoComplete.GenerateCompletion.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return create(out, err, env, null);
    }

    /**
     * Builds the command tree. When the arguments name an ordinary subcommand, only that one is built: picocli's
     * model of every command costs start-up time the run does not need (measured cold: 168 ms vs 129 ms to
     * {@code verify --help}, median of 10). Help and completion get the whole tree.
     */
    static CommandLine create(PrintWriter out, PrintWriter err, Map<String, String> env, String[] args) {
        FeedctlCommand root = new FeedctlCommand(env);
        CommandLine cl = new CommandLine(root, new Factory(root));
        String only = args != null && args.length > 0 && SUBCOMMANDS.containsKey(args[0])
                && !"generate-completion".equals(args[0]) ? args[0] : null;
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (only == null || only.equals(e.getKey())) {
                cl.addSubcommand(e.getKey(), new CommandLine(e.getValue(), new Factory(root)));
            }
        }
        cl.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpTable());
        cl.setOut(out);
        cl.setErr(err);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(env.containsKey("NO_COLOR")
                ? CommandLine.Help.Ansi.OFF : CommandLine.Help.Ansi.AUTO));
        cl.setExecutionExceptionHandler(HANDLERS);
        cl.setParameterExceptionHandler(HANDLERS);
        if (cl.getSubcommands().containsKey("generate-completion")) {
            cl.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        }
        if (cl.getSubcommands().containsKey("sim")) {
            SimCommand.describeScenarios(cl.getSubcommands().get("sim"));
        }
        return cl;
    }

    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        if (args.length == 1 && ("-V".equals(args[0]) || "--version".equals(args[0]))) {
            // the text picocli would print, without picocli's model of the root command (half of -V's start-up)
            for (String line : VersionProvider.lines()) {
                out.println(line);
            }
            out.flush();
            return 0;
        }
        if (HelpTexts.printStored(out, env, args)) {
            return 0; // help as picocli rendered it at build time, without building picocli's model again
        }
        return create(out, err, env, args).execute(args);
    }

    /**
     * The two handlers as one named class, not lambdas: a lambda implementing an interface of picocli (Java 5
     * bytecode) cannot be kept in the CDS archive, and spinning it costs start-up time on every run.
     */
    private static final Handlers HANDLERS = new Handlers();

    private static final class Handlers implements CommandLine.IExecutionExceptionHandler,
            CommandLine.IParameterExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            return onException(ex, cl, parsed);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return onBadParameters(ex, args);
        }
    }

    private static int onException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        Redactor redactor = ((FeedctlCommand) cl.getCommandSpec().root().userObject()).redactor();
        boolean verbose = parsed.expandedArgs().contains("-v") || parsed.expandedArgs().contains("--verbose");
        if (ex instanceof ExitException e) {
            err.println(redactor.scrub("feedctl " + cl.getCommandName() + ": " + e.getMessage()));
            err.flush();
            return e.code();
        }
        if (ex instanceof InterruptedException) {
            err.println("feedctl: interrupted");
            return ExitCode.INTERRUPTED.code();
        }
        err.println(redactor.scrub("feedctl " + cl.getCommandName() + ": internal error: " + ex
                + (verbose ? "" : " (run with --verbose for the stack trace)")));
        if (verbose) {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.println(redactor.scrub(trace.toString()));
        }
        err.flush();
        return ExitCode.INTERNAL.code();
    }

    private static int onBadParameters(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("feedctl " + cl.getCommandName() + ": " + ex.getMessage());
        err.println("Try 'feedctl " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'.");
        err.flush();
        return ExitCode.USAGE.code();
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
