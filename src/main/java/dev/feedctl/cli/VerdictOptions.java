package dev.feedctl.cli;

import dev.feedctl.check.Verdict;
import picocli.CommandLine.Mixin;

/**
 * What the commands that end in a verdict share ({@code probe}, {@code verify}): the feed they subscribe to and where
 * the reports go; and the verdict, shown as {@code -o} asks (text, or json) and written to those reports. It extends
 * {@link FeedOptions} rather than holding it: a mixin inside a mixin would see this class, not the command, as the
 * command it is mixed into ({@code @Spec(MIXEE)}), and write nowhere.
 */
public final class VerdictOptions extends FeedOptions {

    @Mixin
    ReportOptions reports;

    /** Where the command writes, once {@code -o} is known to name a format the verdict is shown in (exit 2 first). */
    @Override
    Terminal terminal() {
        format();
        return super.terminal();
    }

    /** Shows the verdict on stdout and writes the reports asked for; {@code timed}: each check's time too (probe). */
    void render(Verdict verdict, Terminal terminal, boolean timed) {
        reports.render(verdict, format(), terminal, timed);
    }

    /** The format the verdict is shown in; an unknown or unoffered {@code -o} is exit 2. */
    private OutputOptions.Format format() {
        return output.format(OutputOptions.Format.TEXT, OutputOptions.Format.TEXT, OutputOptions.Format.JSON);
    }
}
