package dev.feedctl.check;

import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.protocol.ServerErrors;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Inbound;
import dev.feedctl.transport.RecordedConnection;
import dev.feedctl.transport.Recording;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code feedctl verify --replay}: judges a recorded session the way verify judges a live one, on the recording's own
 * clock and with no network: every connection it recorded, each with its own acknowledgements, sequence and
 * heartbeats, its close and the outage after it; format, schema, messages and freshness over the whole recording.
 * The channels and products come from the options when given, else from the recording's own subscriptions
 * acknowledgements, else from its data. REST checks SKIP with the reason.
 */
public final class Replayer {

    private final CheckSettings s;
    private final boolean subscriptionsGiven;
    private final Recording recording;
    private final String name;
    private volatile boolean interrupted;

    /** @param subscriptionsGiven the user named channels or products; otherwise the recording says what was asked */
    public Replayer(CheckSettings settings, boolean subscriptionsGiven, Recording recording, String name) {
        this.s = settings;
        this.subscriptionsGiven = subscriptionsGiven;
        this.recording = recording;
        this.name = name;
    }

    public void interrupt() {
        interrupted = true;
    }

    public Verdict run() throws InterruptedException {
        Instant started = Clock.systemUTC().instant();
        long t0 = System.nanoTime();
        EvidenceRecorder o = new EvidenceRecorder();
        o.replay = name;
        o.whole = new FrameLedger(recording.clock());
        Map<String, ReplayedConnection> playing = new LinkedHashMap<>(); // in the order the connections began
        // without -c/-p, nothing is assumed: what was asked comes from the recording, never from the defaults
        CheckSettings judged = subscriptionsGiven ? s : withSubscriptions(List.of(), List.of());
        Recording.Line line;
        while (!interrupted && (line = recording.next()) != null) {
            ReplayedConnection p = playing.get(line.connection());
            if (p == null) {
                p = open(line, playing.isEmpty(), o.whole);
                playing.put(line.connection(), p);
            }
            judged = play(line, p, playing.values(), o, judged);
        }
        o.endedAt = recording.clock().instant();
        o.showsConnections = recording.showsConnections();
        o.legs = playing.values().stream().map(p -> p.leg(o.endedAt)).toList();
        if (!o.legs.isEmpty()) {
            o.close = o.legs.get(0).close();
            o.subscribedAt = o.legs.get(0).startedAt();
        }
        if (!subscriptionsGiven && channelsOf(playing.values()).isEmpty()) {
            o.acksAbsent = true;
            judged = inferFromData(o.whole);
        }
        recording.close();
        Evidence evidence = o.evidence();
        List<CheckResult> checks = new VerifyChecks(judged, evidence).all();
        Map<String, Object> facts = RunSummary.of(judged, evidence);
        facts.put("interrupted", interrupted);
        facts.put("recording_lines", recording.lines());
        facts.put("recorded_ms", recording.span().toMillis());
        return new Verdict("verify", started, Duration.ofNanos(System.nanoTime() - t0), checks, facts);
    }

    /** One line into its connection's session and the whole recording's ledger; returns what is now judged. */
    private CheckSettings play(Recording.Line line, ReplayedConnection p, Collection<ReplayedConnection> all,
                               EvidenceRecorder o, CheckSettings judged) throws InterruptedException {
        if (line.in() instanceof Inbound.Closed c) {
            p.close = c.close();
            p.endedAt = recording.clock().instant();
            return judged;
        }
        p.tape.hand((Inbound.Text) line.in());
        if (!(p.session.next(Duration.ZERO) instanceof FeedSession.Received r)) {
            return judged; // a text frame handed over comes back decoded: never the case
        }
        CheckSettings now = judged;
        if (!subscriptionsGiven && adoptAck(p.session, r)) {
            now = withSubscriptions(channelsOf(all), productsOf(all));
            expect(o.whole, now.products(), recording.clock().instant());
            p.session.noteAgain(r); // the ack that told us what was asked also acknowledges it
        }
        o.whole.record(r.decoded(), r.raw().feedTime(), r.raw().receivedAt());
        note(o, p.session, r);
        return now;
    }

    private ReplayedConnection open(Recording.Line line, boolean first, FrameLedger whole) {
        RecordedConnection tape = new RecordedConnection();
        FeedSession session = new FeedSession(tape, null, recording.clock());
        if (subscriptionsGiven) {
            session.subscribe(subscriptions(s.channels(), s.products()));
            if (first) { // expected from the recording's first line on, not from 1970
                expect(whole, s.products(), recording.clock().instant());
            }
        }
        return new ReplayedConnection(line, session, recording.clock().instant(), tape);
    }

    private static void expect(FrameLedger whole, List<String> products, Instant since) {
        products.forEach(p -> whole.ages().expect(ProductIds.canonical(p), since));
    }

    /** The first server error or foreign frame, whichever connection it came on; the replay reads on. */
    private static void note(EvidenceRecorder o, FeedSession session, FeedSession.Received r) {
        Frame f = r.decoded().frame();
        if (f instanceof Frame.Error e) {
            o.serverError(e, ServerErrors.explain(e, session.channels(), false, false));
        } else if (f instanceof Frame.Foreign foreign) {
            o.foreign(foreign);
        }
    }

    private static List<FeedSession.Subscription> subscriptions(List<String> channels, List<String> products) {
        return channels.stream().map(c -> new FeedSession.Subscription(c, Channels.PRODUCTLESS.contains(c)
                ? List.of() : products)).toList();
    }

    /**
     * Each subscriptions acknowledgement lists the whole set the recorded client has asked for so far: what it adds
     * is taken as asked. True when something was added.
     */
    private static boolean adoptAck(FeedSession session, FeedSession.Received r) {
        if (!(r.decoded().frame() instanceof Frame.Data d) || !Channels.SUBSCRIPTIONS.equals(d.channel())) {
            return false;
        }
        for (Event e : d.events()) {
            if (e instanceof Event.Subscriptions subs) {
                Set<String> known = new LinkedHashSet<>(session.channels());
                List<FeedSession.Subscription> asked = new ArrayList<>();
                subs.subscriptions().forEach((channel, products) -> {
                    if (!known.contains(channel)) {
                        asked.add(new FeedSession.Subscription(channel, Channels.PRODUCTLESS.contains(channel)
                                || "user".equals(channel) ? List.of() : products));
                    }
                });
                session.adopt(asked);
                return !asked.isEmpty();
            }
        }
        return false;
    }

    private static List<String> channelsOf(Collection<ReplayedConnection> connections) {
        Set<String> out = new LinkedHashSet<>();
        connections.forEach(c -> out.addAll(c.session.channels()));
        return new ArrayList<>(out);
    }

    private static List<String> productsOf(Collection<ReplayedConnection> connections) {
        Set<String> out = new LinkedHashSet<>();
        connections.forEach(c -> c.session.requested().forEach(sub -> out.addAll(sub.products())));
        return new ArrayList<>(out);
    }

    private CheckSettings withSubscriptions(List<String> channels, List<String> products) {
        return new CheckSettings(s.connect(), s.rest(), channels, products, s.key(), s.duration(), s.minMessages(),
                s.maxDeviationBps(), s.maxStaleness(), s.restBudget());
    }

    /**
     * No acknowledgement: judge the channels and products the data itself shows, and nothing more (an empty
     * recording shows none, and none is invented).
     */
    private CheckSettings inferFromData(FrameLedger whole) {
        Set<String> channels = new LinkedHashSet<>();
        whole.tally().framesByChannel().keySet().forEach(c -> {
            String name = Channels.subscribeNameOf(c);
            if (Channels.isSubscribeName(name)) {
                channels.add(name);
            }
        });
        List<String> products = new ArrayList<>(new java.util.TreeSet<>(whole.ages().updates().keySet()));
        return withSubscriptions(new ArrayList<>(channels), products);
    }
}
