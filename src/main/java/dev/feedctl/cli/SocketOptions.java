package dev.feedctl.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that opens a socket shares: where to connect ({@link EndpointOptions}), {@code -o} and
 * {@code --no-color}, {@code -v}; and what they imply, the command's {@link Terminal} and the root's environment. The commands that
 * subscribe extend it ({@link FeedOptions}).
 */
public class SocketOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    OutputOptions output;

    @Mixin
    VerboseOption verbosity;

    /** Where this command writes, verbose when {@code -v} was given. */
    Terminal terminal() {
        return new Terminal(spec, verbosity.on());
    }

    /** The root command: the process environment and the run's redactor. */
    FeedctlCommand root() {
        return (FeedctlCommand) spec.root().userObject();
    }

    /** The WebSocket and REST endpoints the options and the environment name. */
    Endpoints open(dev.feedctl.auth.CdpKey key) {
        return endpoint.open(root().env(), key);
    }
}
