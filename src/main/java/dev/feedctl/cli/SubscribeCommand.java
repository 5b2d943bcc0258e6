package dev.feedctl.cli;

import dev.feedctl.units.Notation;
import dev.feedctl.check.ExitCode;
import dev.feedctl.auth.CdpKey;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Decoded;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.protocol.Violation;
import dev.feedctl.protocol.RecordedLine;
import dev.feedctl.report.FrameText;
import dev.feedctl.transport.CloseInfo;
import dev.feedctl.transport.ConnectSpec;
import dev.feedctl.transport.Connection;
import dev.feedctl.transport.FeedEvent;
import dev.feedctl.transport.FeedLoop;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.FrameSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code feedctl subscribe}: subscribe, wait for the acks, write every received frame as it came. */
@Command(name = "subscribe", mixinStandardHelpOptions = true,
        description = "Send one Advanced Trade subscribe per channel, wait for each acknowledgement, then write every "
                + "received frame (NDJSON when piped). Protocol violations go to stderr with their rule names.")
public final class SubscribeCommand implements Callable<Integer> {

    private static final Duration TICK = Duration.ofMillis(100);

    @Mixin
    FeedOptions feed;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N data frames (heartbeats and acks do "
            + "not count).")
    Long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class, description = "Stop after "
            + "this long.")
    Duration duration;

    @Option(names = "--annotate", description = "Wrap each frame with receive time, byte size and violations.")
    boolean annotate;

    @Option(names = "--strict", description = "Any protocol violation makes the run fail (exit 1).")
    boolean strict;

    private Terminal terminal;
    private OutputOptions.Format format;

    @Override
    public Integer call() throws Exception {
        terminal = feed.terminal();
        format = feed.output.format(Tty.stdoutIsTerminal() ? OutputOptions.Format.TEXT : OutputOptions.Format.NDJSON,
                OutputOptions.Format.TEXT, OutputOptions.Format.NDJSON);
        if (count != null && count < 1) {
            throw ExitException.usage("--count must be at least 1");
        }
        List<String> channels = feed.stream.channels();
        List<String> products = feed.stream.products();
        CdpKey key = feed.key(terminal);
        AuthOptions.requireKeyFor(channels, key);
        try (Endpoints endpoints = feed.open(key)) {
            feed.endpoint.lint(endpoints.ws(), terminal);
            // text is for a person at a terminal, to whom a millisecond more is nothing; NDJSON is for programs
            ConnectSpec socket = feed.endpoint.connectSpec(endpoints.ws());
            Connection conn = feed.endpoint.connect(format == OutputOptions.Format.TEXT
                    ? socket.withLinger(ConnectSpec.RELAXED_LINGER) : socket, terminal);
            conn.phases().forEach(st -> terminal.verbose(dev.feedctl.report.PhaseText.line(st)));
            try (FeedSession session = new FeedSession(conn, key == null ? null : new JwtSigner(key, Clock.systemUTC()),
                    Clock.systemUTC())) {
                List<FeedSession.Subscription> subs = channels.stream()
                        .map(c -> new FeedSession.Subscription(c, products)).toList();
                session.subscribe(subs).forEach(m -> terminal.verbose("sent " + m));
                // Ctrl-C, SIGTERM: the lines still queued are written or counted, as at any other end
                Thread onSignal = new Thread(terminal::finishStream, "feedctl-subscribe-exit");
                Runtime.getRuntime().addShutdownHook(onSignal);
                try {
                    return streamFrames(session, key);
                } finally {
                    terminal.finishStream();
                    try {
                        Runtime.getRuntime().removeShutdownHook(onSignal);
                    } catch (IllegalStateException shuttingDown) {
                        // the hook runs now; finishing twice says the count once
                    }
                }
            }
        }
    }

    private int streamFrames(FeedSession session, CdpKey key) throws InterruptedException {
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
        FeedLoop loop = new FeedLoop(session, FeedLoop.Watch.ackOnly(feed.endpoint.timeout()));
        long data = 0;
        boolean firstDataSeen = false;
        // --count ends the output, not the wait for acknowledgements: the feed may send data before its ack
        while (count == null || data < count || !session.unacknowledged().isEmpty()) {
            boolean counted = count != null && data >= count;
            if (System.nanoTime() >= end) {
                break;
            }
            FeedEvent ev = loop.next(Duration.ZERO);
            if (ev == null) { // drained: what was written goes out now, before waiting for more
                terminal.handOverStream();
                ev = loop.nextBefore(TICK, end);
            }
            if (ev instanceof FeedEvent.Stalled st) {
                throw ExitException.protocol(st.describe() + "; the server took the connection but did not confirm "
                        + "the subscribe");
            } else if (ev instanceof FeedEvent.Closed c) {
                if (annotate) { // the close belongs to the recording: verify --replay explains it like a live one
                    terminal.stream(RecordedLine.closeLine(Clock.systemUTC().instant(), c.close().code(),
                            c.close().reason(), c.close().side()));
                }
                throw closed(c.close(), session, session.unacknowledged().isEmpty());
            } else if (ev instanceof FeedEvent.Acknowledged a) {
                terminal.verbose("acknowledged " + a.channel() + " after " + Notation.duration(a.after()));
            } else if (ev instanceof FeedEvent.ServerError e) {
                write(e.frame(), session);
                throw serverError(e.error(), session, key);
            } else if (ev instanceof FeedEvent.ForeignFormat f) {
                write(f.frame(), session);
                throw ExitException.protocol("the server speaks the " + f.foreign().family().description() + ": "
                        + f.foreign().family().advice());
            } else if (ev instanceof FeedEvent.Data d && !counted) { // past --count only the ack is awaited
                write(d.frame(), session);
                if (d.frame().decoded().frame() instanceof Frame.Data f && !Channels.HEARTBEATS.equals(f.channel())
                        && !Channels.SUBSCRIPTIONS.equals(f.channel())) {
                    data++;
                }
            }
            if (!firstDataSeen && session.firstDataAfter() != null) {
                firstDataSeen = true;
                terminal.verbose("first data frame after " + Notation.duration(session.firstDataAfter()));
            }
            if (terminal.outClosed()) {
                return ExitCode.OK.code();
            }
        }
        if (!session.unacknowledged().isEmpty()) {
            throw ExitException.protocol("no subscriptions acknowledgement for "
                    + Notation.names(session.unacknowledged()));
        }
        FrameLedger.Tally tally = session.ledger().tally();
        long violations = tally.violations();
        if (session.connection().stalls() > 0) {
            terminal.verbose("the reader waited " + session.connection().stalledNanos() / 1_000_000 + " ms in all for "
                    + "stdout to take frames (" + session.connection().stalls() + " pauses): nothing was dropped");
        }
        if (strict && violations > 0) {
            throw ExitException.failed(violations + " protocol violations (--strict): "
                    + Notation.byName(tally.violationsByRule()));
        }
        return ExitCode.OK.code();
    }

    private void write(FeedSession.Received r, FeedSession session) {
        Decoded d = r.decoded();
        String raw = r.raw().text();
        String line = annotate ? FrameText.annotated(raw, d, r.raw().receivedAt())
                : format == OutputOptions.Format.TEXT ? FrameText.human(d, r.raw().receivedAt())
                : FrameText.ndjson(raw, d);
        if (line != null) {
            terminal.stream(line);
        }
        Long seq = d.data() == null ? null : d.data().sequenceNum();
        java.util.List<Violation> all = new java.util.ArrayList<>(d.violations());
        Violation unsubscribed = session.ledger().takeUnsubscribed();
        if (unsubscribed != null) {
            all.add(unsubscribed);
        }
        for (Violation v : all) {
            if (v.isError()) {
                terminal.info("violation " + v.rule() + " at " + v.path() + (seq == null ? "" : " (sequence_num "
                        + seq + ")") + ": " + v.message());
            } else {
                terminal.verbose("drift " + v.rule() + " at " + v.path() + ": " + v.message());
            }
        }
    }

    /** A server error frame ends the run with its cause: an auth problem is 4, anything else 5. */
    static ExitException serverError(Frame.Error e, FeedSession session, CdpKey key) {
        ServerErrors.Explanation x = CdpKey.explain(e, session.channels(), key);
        return x.authProblem() ? ExitException.auth(x.text()) : ExitException.protocol(x.text());
    }

    private ExitException closed(CloseInfo c, FeedSession session, boolean acked) {
        FrameSource conn = session.connection();
        String cause = c.knownCause(acked, conn.sizes());
        return ExitException.connection("connection " + c.closedAfter()
                + (acked ? "" : ", before the subscription was acknowledged") + ": " + c.codeAndReason()
                + (cause == null ? "" : "; " + cause));
    }
}
