package dev.feedctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Plain help texts rendered by picocli at build time ({@code mvn process-classes} runs {@link #main}), printed at run
 * time without building picocli's model. Building the model of a command by reflection and laying out its option
 * table costs about 120 ms of a cold {@code feedctl verify --help} (measured: 217 ms against 96 ms for
 * {@code --version}); the text itself is the same on every run of a build. Measured with the stored texts, median
 * of 15 interleaved runs: {@code feedctl verify --help} 209 ms before, 89 ms after. Used only when the output would be
 * exactly the stored text: no colour, no picocli system properties (they can change the width or the colours), and
 * {@code \n} line ends. Everything else, and any build without the stored texts, renders live, the same way.
 */
public final class HelpTexts {

    private static final String FOLDER = "help/";
    private static final String ROOT = "feedctl";

    private HelpTexts() {
    }

    /** The commands whose help is stored: the root, then every listed subcommand but the completion generator. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(ROOT);
        for (String name : Cli.SUBCOMMANDS.keySet()) {
            if (!"generate-completion".equals(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * Prints the stored help when {@code args} only ask for help ({@code -h}/{@code --help}, alone or after a
     * subcommand) and the stored text is exactly what picocli would print here. Returns false when it printed
     * nothing: the caller renders live.
     */
    static boolean printStored(PrintWriter out, Map<String, String> env, String[] args) {
        String name = helpOnly(args);
        if (name == null || !"\n".equals(System.lineSeparator()) || picocliPropertySet()) {
            return false;
        }
        if (!env.containsKey("NO_COLOR") && CommandLine.Help.Ansi.AUTO.enabled()) {
            return false; // a terminal gets picocli's colours, rendered live
        }
        String text = stored(name);
        if (text == null) {
            return false;
        }
        out.print(text);
        out.flush();
        return true;
    }

    /** The command whose help alone {@code args} ask for, or null. */
    static String helpOnly(String[] args) {
        if (args.length == 1 && isHelp(args[0])) {
            return ROOT;
        }
        if (args.length == 2 && isHelp(args[1]) && names().contains(args[0]) && !ROOT.equals(args[0])) {
            return args[0];
        }
        return null;
    }

    private static boolean isHelp(String arg) {
        return "-h".equals(arg) || "--help".equals(arg);
    }

    private static boolean picocliPropertySet() {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }

    /** The stored text of one command's help, or null when this build has none. */
    static String stored(String name) {
        try (InputStream in = HelpTexts.class.getResourceAsStream(FOLDER + name + ".txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** What picocli prints for {@code feedctl [name] --help} without colour: the text {@link #main} stores. */
    static String render(String name) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = ROOT.equals(name) ? new String[] {"--help"} : new String[] {name, "--help"};
        int code = Cli.create(new PrintWriter(out), new PrintWriter(err), Map.of("NO_COLOR", "1"), args)
                .execute(args);
        if (code != 0 || !err.toString().isEmpty()) {
            throw new IllegalStateException("feedctl " + String.join(" ", args) + " exited " + code + ": " + err);
        }
        return out.toString();
    }

    /** Build step: writes every command's help into {@code args[0]} (the classes folder), under {@code help/}. */
    public static void main(String[] args) throws IOException {
        if (!"\n".equals(System.lineSeparator())) {
            return; // stored texts end lines with \n; a build elsewhere stores none and renders live
        }
        Path folder = Path.of(args[0], HelpTexts.class.getPackageName().replace('.', '/'), FOLDER);
        Files.createDirectories(folder);
        for (String name : names()) {
            Files.writeString(folder.resolve(name + ".txt"), render(name), StandardCharsets.UTF_8);
        }
    }
}
