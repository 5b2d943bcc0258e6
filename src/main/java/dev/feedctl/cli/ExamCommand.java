package dev.feedctl.cli;

import dev.feedctl.check.Status;
import dev.feedctl.check.Verdict;
import dev.feedctl.exam.Exam;
import dev.feedctl.exam.ExamSettings;
import dev.feedctl.exam.Lesson;
import dev.feedctl.exam.Lessons;
import dev.feedctl.protocol.ProductIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code feedctl exam -- COMMAND}: puts the user's own client through the faults that break real ones. */
@Command(name = "exam", mixinStandardHelpOptions = true,
        description = {"Run YOUR client (COMMAND, after --) against the simulator on loopback and grade, from the "
                + "server side, how it subscribes and how it survives what Coinbase does to clients. {ws} and {rest} "
                + "in COMMAND become the simulator's URLs (also in env " + Exam.WS_ENV + ", " + Exam.REST_ENV + "). "
                + "The client runs in its own process group with stdin closed; it is always ended (SIGTERM, then "
                + "SIGKILL after 3 s). The whole run takes at most lessons x --lesson-timeout + 30 s.",
                "", ExamCommand.LessonList.HEADING,
                "", "Exit 0: every lesson PASS or WARN; 1: a lesson FAILed; 2: usage; 3: the client never connected; "
                + "130: interrupted.", "",
                "Example (CI): feedctl exam --junit exam.xml -- python my_client.py --ws {ws}", ""},
        modelTransformer = ExamCommand.LessonList.class)
public final class ExamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    FeedctlCommand root;

    @Option(names = "--lessons", paramLabel = "NAME", split = ",", description = "Lessons to give (in the exam's "
            + "order): subscribe, close-1001, drop-1006, stall, refuse-429. Default: all.")
    List<String> lessons;

    @Option(names = "--lesson-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.class,
            description = "How long each lesson waits for the client (to connect, to come back). Default: "
                    + "${DEFAULT-VALUE}.")
    Duration lessonTimeout;

    @Option(names = "--trust-key", paramLabel = "FILE", description = "CDP key JSON whose public key must have signed "
            + "the client's JWTs (only the public half is used). Without it, JWT signatures are not checked.")
    Path trustKey;

    @Option(names = "--products", paramLabel = "ID", split = ",", description = "Products the client must subscribe "
            + "to. Default: whatever it subscribes, each well formed.")
    List<String> products;

    @Option(names = "--keep-output", description = "Pass the client's stdout and stderr through (to stderr).")
    boolean keepOutput;

    @Mixin
    OutputOptions output;

    @Mixin
    ReportOptions reports;

    @Mixin
    VerboseOption verbosity;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "Your client and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Terminal terminal = new Terminal(spec, verbosity.on());
        OutputOptions.Format format = output.format(OutputOptions.Format.TEXT, OutputOptions.Format.TEXT,
                OutputOptions.Format.JSON);
        if (lessonTimeout.toMillis() < 1000) {
            throw ExitException.usage("--lesson-timeout must be at least 1s, got " + lessonTimeout.toMillis() + " ms");
        }
        List<String> picked;
        try {
            picked = Lessons.pick(lessons == null ? Lessons.names() : lessons);
        } catch (IllegalArgumentException e) {
            throw ExitException.usage(e.getMessage());
        }
        reports.checkWritable();
        ExamSettings settings = new ExamSettings(picked, lessonTimeout, AuthOptions.trusted(trustKey, root, terminal),
                products(), ExamSettings.Thresholds.COINBASE);
        Exam exam = new Exam(settings, command, keepOutput ? line -> terminal.info("[client] " + line) : null,
                ((FeedctlCommand) spec.root().userObject()).redactor());
        // Ctrl-C or SIGTERM: the lesson in progress stops, what was seen is judged and the reports written (with the
        // exit code the process is about to have); the client is ended on the way out
        return ReportBeforeExit.run("feedctl-exam-interrupt", exam::interrupt,
                Duration.ofSeconds(ExamSettings.Thresholds.COINBASE.budget().toSeconds()), () -> {
                    Verdict verdict = run(exam, terminal);
                    reports.render(verdict, format, terminal, false);
                    clientStderr(verdict, terminal);
                    return verdict.exitCode().code();
                });
    }

    private static Verdict run(Exam exam, Terminal terminal) throws Exception {
        try {
            return exam.run();
        } catch (Exam.CannotRun e) {
            throw ExitException.usage("cannot run the client: " + e.getMessage());
        }
    }

    /** When a lesson failed, the client's own last words on stderr often say why. */
    private void clientStderr(Verdict verdict, Terminal terminal) {
        if (keepOutput || verdict.count(Status.FAIL) == 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> tail = (List<String>) ((java.util.Map<String, Object>) verdict.facts().get("client"))
                .get("stderr_tail");
        if (tail != null && !tail.isEmpty()) {
            terminal.info("the client's last stderr lines (all of them with --keep-output or in --report):");
            tail.subList(Math.max(0, tail.size() - 10), tail.size()).forEach(l -> terminal.info("  | " + l));
        }
    }

    private List<String> products() {
        List<String> out = new ArrayList<>();
        for (String p : products == null ? List.<String>of() : products) {
            String id = ProductIds.normalise(p);
            if (id == null) {
                throw ExitException.usage("--products: '" + p + "' is not a product id (BASE-QUOTE, e.g. BTC-USD)");
            }
            out.add(id);
        }
        return out;
    }

    /** Lists every lesson of {@link Lessons#ALL} under the heading, with its why: help names exactly what is given. */
    public static final class LessonList implements CommandLine.IModelTransformer {
        static final String HEADING = "Lessons, in order:";

        @Override
        public CommandSpec transform(CommandSpec exam) {
            List<String> lines = new ArrayList<>(List.of(exam.usageMessage().description()));
            int at = lines.indexOf(HEADING) + 1;
            for (Lesson lesson : Lessons.ALL) {
                lines.add(at++, "  " + String.format(java.util.Locale.ROOT, "%-12s", lesson.name()) + lesson.why());
            }
            exam.usageMessage().description(lines.toArray(new String[0]));
            return exam;
        }
    }
}
