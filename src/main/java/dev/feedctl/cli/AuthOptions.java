package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.KeyLoader;
import dev.feedctl.auth.KeyProblem;
import dev.feedctl.auth.Redactor;
import dev.feedctl.protocol.Channels;
import dev.feedctl.sim.SimConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --key-file}, or {@code COINBASE_API_KEY} + {@code COINBASE_API_SECRET}; never a key on the command line. */
public final class AuthOptions {

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "CDP API key JSON ({\"name\"|\"id\", \"privateKey\"}); or env COINBASE_API_KEY + "
                    + "COINBASE_API_SECRET.")
    Path keyFile;

    /** The key, or null when none is configured. Bad keys end the command with exit 2. */
    public CdpKey load(FeedctlCommand root, Terminal terminal) {
        Map<String, String> env = root.env();
        Redactor redactor = root.redactor();
        try {
            CdpKey key = keyFile != null ? KeyLoader.fromFile(keyFile, redactor) : KeyLoader.fromEnvironment(env, redactor);
            if (key != null) {
                key.warnings().forEach(terminal::warn);
            }
            return key;
        } catch (KeyProblem e) {
            throw ExitException.usage(e.getMessage());
        }
    }

    /** {@code key} as the simulator trusts it: its name and public half (only that half is ever used). */
    static SimConfig.TrustedKey trusted(CdpKey key) {
        return new SimConfig.TrustedKey(key.name(), key.publicKey());
    }

    /**
     * The key in {@code file} as the simulator trusts it ({@code sim --trust-key}, {@code exam --trust-key}); null
     * without a file. The file is read as {@code --key-file} is: a bad one is exit 2, its warnings go to stderr.
     */
    static SimConfig.TrustedKey trusted(Path file, FeedctlCommand root, Terminal terminal) {
        if (file == null) {
            return null;
        }
        AuthOptions auth = new AuthOptions();
        auth.keyFile = file;
        return trusted(auth.load(root, terminal));
    }

    /** Private channels (user, futures_balance_summary) need a key: without one, exit 4 before connecting. */
    static void requireKeyFor(List<String> channels, CdpKey key) {
        if (key == null) {
            for (String c : channels) {
                if (Channels.PRIVATE.contains(c)) {
                    throw ExitException.auth("channel " + c + " needs a CDP API key: give --key-file FILE or set "
                            + "COINBASE_API_KEY and COINBASE_API_SECRET");
                }
            }
        }
    }
}
