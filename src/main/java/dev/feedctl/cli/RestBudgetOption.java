package dev.feedctl.cli;

import picocli.CommandLine.Option;

/** {@code --rest-budget}: REST requests per second at most, shared by the commands that call REST while streaming. */
public final class RestBudgetOption {

    @Option(names = "--rest-budget", paramLabel = "REQ_PER_S", defaultValue = "5",
            description = "REST requests per second at most. Default: ${DEFAULT-VALUE}.")
    double restBudget;

    /** The budget, checked: from 0.01 to 1000 requests a second (exit 2 otherwise). */
    public double value() {
        if (!(restBudget >= 0.01 && restBudget <= 1000)) {
            throw ExitException.usage("--rest-budget must be from 0.01 to 1000 requests per second, got " + restBudget);
        }
        return restBudget;
    }
}
