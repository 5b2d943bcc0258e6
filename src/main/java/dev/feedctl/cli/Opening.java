package dev.feedctl.cli;

import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Channels;
import dev.feedctl.report.Steps;
import dev.feedctl.transport.ConnectFailure;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.Connector;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.UrlLint;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** The shared start of subscribe-like commands: lint the URL, check auth needs, connect, or end with the right code. */
final class Opening {

    private Opening() {
    }

    /** Lint findings: scheme mistakes are usage errors (2); a non-Advanced-Trade Coinbase host is exit 5. */
    static void lint(URI ws, boolean allowPlaintext, Terminal terminal) {
        for (UrlLint.Finding f : UrlLint.check(ws, allowPlaintext)) {
            if (f.level() == UrlLint.Level.WARN) {
                terminal.warn(f.message() + "; " + f.fix());
            } else if (f.level() == UrlLint.Level.WRONG_FEED) {
                throw ExitException.protocol("wrong endpoint: " + f.message() + "; " + f.fix());
            } else {
                throw ExitException.usage(f.message() + "; " + f.fix());
            }
        }
    }

    /** Only the URL's own mistakes (scheme, plaintext, no host): exit 2. Wrong feeds are left to the checks. */
    static void rejectMalformed(URI ws, boolean allowPlaintext) {
        for (UrlLint.Finding f : UrlLint.check(ws, allowPlaintext)) {
            if (f.level() == UrlLint.Level.ERROR) {
                throw ExitException.usage(f.message() + "; " + f.fix());
            }
        }
    }

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

    static Connection connect(EndpointOptions endpoint, URI ws, Terminal terminal) throws InterruptedException {
        try {
            return new Connector(Clock.systemUTC()).open(endpoint.connectSpec(ws));
        } catch (ConnectFailure e) {
            e.steps().forEach(s -> terminal.info(Steps.line(s)));
            throw ExitException.connection("cannot connect to " + ws + ": " + e.failed().cause());
        }
    }

    static FeedSession session(Connection conn, CdpKey key) {
        return new FeedSession(conn, key == null ? null : new JwtSigner(key, Clock.systemUTC()), Clock.systemUTC());
    }
}
