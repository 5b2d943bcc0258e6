package dev.feedctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true, hidden = true,
        description = "Not built yet.")
public final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw ExitException.usage("not built yet");
    }
}
