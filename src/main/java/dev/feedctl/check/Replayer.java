package dev.feedctl.check;

import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.ProductIds;
import dev.feedctl.transport.FeedSession;
import dev.feedctl.transport.Inbound;
import dev.feedctl.transport.Recording;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code feedctl verify --replay}: judges a recorded session the way verify judges a live one, on the recording's own
 * clock and with no network. The channels and products come from the options when given, else from the recording's
 * own subscriptions acknowledgements, else from its data. REST checks SKIP with the reason.
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
        Verifier.Observed o = new Verifier.Observed();
        o.replay = name;
        o.session = new FeedSession(recording, null, recording.clock());
        if (subscriptionsGiven) {
            o.session.subscribe(subscriptions(s.channels(), s.products()));
        }
        o.subscribedAt = o.session.feedNow();
        CheckSettings judged = s;
        List<String> canonical = s.products().stream().map(ProductIds::canonical).distinct().toList();
        Object in;
        while (!interrupted && (in = o.session.next(Duration.ZERO)) != null) {
            if (in instanceof Inbound.Closed c) {
                o.close = c.close();
                break;
            }
            FeedSession.Received r = (FeedSession.Received) in;
            if (!subscriptionsGiven && adoptAck(o.session, r)) {
                judged = withSubscriptions(o.session.channels(), productsOf(o.session));
                canonical = judged.products().stream().map(ProductIds::canonical).distinct().toList();
                o.session.noteAgain(r); // the ack that told us what was asked also acknowledges it
            }
            if (Verifier.fold(judged, o, r, canonical)) {
                break;
            }
        }
        o.endedAt = o.session.feedNow();
        if (!subscriptionsGiven && o.session.channels().isEmpty()) {
            o.acksAbsent = true;
            judged = inferFromData(o);
        }
        recording.close();
        List<CheckResult> checks = new VerifyChecks(judged, o).all();
        Map<String, Object> facts = Facts.of(judged, o);
        facts.put("interrupted", interrupted);
        facts.put("recording_lines", recording.lines());
        facts.put("later_connections_not_judged", recording.laterConnections());
        return new Verdict("verify", started, Duration.ofNanos(System.nanoTime() - t0), checks, facts);
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

    private static List<String> productsOf(FeedSession session) {
        Set<String> out = new LinkedHashSet<>();
        session.requested().forEach(sub -> out.addAll(sub.products()));
        return new ArrayList<>(out);
    }

    private CheckSettings withSubscriptions(List<String> channels, List<String> products) {
        return new CheckSettings(s.connect(), s.rest(), channels, products.isEmpty() ? s.products() : products,
                s.key(), s.duration(), s.minMessages(), s.maxDeviationBps(), s.maxStaleness(), s.restBudget());
    }

    /** Raw frames with no acknowledgement: judge the channels and products the data itself shows. */
    private CheckSettings inferFromData(Verifier.Observed o) {
        Set<String> channels = new LinkedHashSet<>();
        o.session.ledger().framesByChannel().keySet().forEach(c -> {
            String name = Channels.subscribeNameOf(c);
            if (Channels.isSubscribeName(name)) {
                channels.add(name);
            }
        });
        List<String> products = new ArrayList<>(o.session.ledger().ages().updates().keySet());
        return withSubscriptions(channels.isEmpty() ? s.channels() : new ArrayList<>(channels),
                products.isEmpty() ? s.products() : products);
    }
}
