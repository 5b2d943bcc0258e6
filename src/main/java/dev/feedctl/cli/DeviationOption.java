package dev.feedctl.cli;

import picocli.CommandLine.Option;

/** {@code --max-deviation-bps}: how far socket and REST prices may differ, for the commands that compare them. */
public final class DeviationOption {

    @Option(names = "--max-deviation-bps", paramLabel = "BPS", defaultValue = "50",
            description = "Largest socket-vs-REST price difference allowed. Default: ${DEFAULT-VALUE}.")
    double maxDeviationBps;

    /** The limit, checked: from 0 to 10000 basis points (exit 2 otherwise). */
    double bps() {
        if (!(maxDeviationBps >= 0 && maxDeviationBps <= 10_000)) {
            throw ExitException.usage("--max-deviation-bps must be a number from 0 to 10000, got " + maxDeviationBps);
        }
        return maxDeviationBps;
    }
}
