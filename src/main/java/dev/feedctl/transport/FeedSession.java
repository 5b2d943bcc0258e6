package dev.feedctl.transport;

import dev.feedctl.protocol.Json;
import dev.feedctl.auth.JwtSigner;
import dev.feedctl.auth.Redactor;
import dev.feedctl.protocol.Channels;
import dev.feedctl.protocol.Decoded;
import dev.feedctl.protocol.Event;
import dev.feedctl.protocol.FrameLedger;
import dev.feedctl.protocol.Frame;
import dev.feedctl.protocol.FrameDecoder;
import dev.feedctl.protocol.ProductIds;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Advanced Trade conversation on one connection: one subscribe message per channel (each with a fresh JWT
 * when there is a key), acknowledgement tracking, and every received frame decoded and folded into
 * {@link FrameLedger}.
 */
public final class FeedSession implements Closeable {

    public record Subscription(String channel, List<String> products) {
    }

    /** What {@link #next} hands over: a frame, decoded, or the connection's close. */
    public sealed interface Arrival permits Received, Inbound.Closed {
    }

    /** A frame as received, decoded. */
    public record Received(Inbound.Text raw, Decoded decoded) implements Arrival {
    }

    private final FrameSource conn;
    private final JwtSigner signer;
    private final Clock clock;
    private final Clock feedClock;
    private final FrameDecoder decoder = new FrameDecoder();
    private final FrameLedger ledger;
    private final List<Subscription> requested = new ArrayList<>();
    private final Map<String, Duration> ackedAfter = new LinkedHashMap<>();
    /** What {@link #ackedAfter()} hands out: read-only, made once (the feed loop asks on every frame). */
    private final Map<String, Duration> ackedView = Collections.unmodifiableMap(ackedAfter);
    private long subscribedNanos;
    private Duration firstDataAfter;

    public FeedSession(FrameSource conn, JwtSigner signer, Clock clock) {
        this.conn = conn;
        this.signer = signer;
        this.clock = clock;
        this.feedClock = new FeedClock(clock);
        this.ledger = new FrameLedger(feedClock);
    }

    /**
     * Sends one subscribe per channel; returns the messages as sent, redacted, each with its JWT shown as decoded
     * header and claims (the signature elided) for {@code -v}.
     */
    public List<String> subscribe(List<Subscription> subs) {
        List<String> sent = new ArrayList<>();
        subscribedNanos = System.nanoTime();
        for (Subscription s : subs) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("type", "subscribe");
            if (!Channels.PRODUCTLESS.contains(s.channel()) && !s.products().isEmpty()) {
                msg.put("product_ids", s.products());
            }
            msg.put("channel", s.channel());
            String jwt = signer == null ? null : signer.forSocket();
            if (jwt != null) {
                msg.put("jwt", jwt);
            }
            String text = Json.COMPACT.toJson(msg);
            conn.send(text);
            sent.add(Redactor.withoutPatterns(text) + (jwt == null ? "" : "\n     jwt " + Redactor.describeJwt(jwt)));
            requested.add(s);
            s.products().forEach(p -> ledger.ages().expect(ProductIds.canonical(p), feedClock.instant()));
        }
        return sent;
    }

    /** The next frame or the close, or null after {@code timeout}. Frames are decoded and folded in. */
    public Arrival next(Duration timeout) throws InterruptedException {
        Inbound in = conn.poll(timeout);
        if (in instanceof Inbound.Binary b) { // counted and named as a violation like any broken frame
            Inbound.Text t = new Inbound.Text("", b.receivedAt(), b.receivedNanos(), b.stalledNanos());
            Decoded d = decoder.binary(b.bytes());
            ledger.record(d, t.feedTime(), t.receivedAt());
            return new Received(t, d);
        }
        if (in instanceof Inbound.Text t) {
            Decoded d = decoder.decode(t.text());
            ledger.record(d, t.feedTime(), t.receivedAt());
            noteAcksAndData(d, t.receivedNanos());
            return new Received(t, d);
        }
        return in instanceof Inbound.Closed c ? c : null; // the close, or nothing came in time
    }

    private void noteAcksAndData(Decoded d, long receivedNanos) {
        if (!(d.frame() instanceof Frame.Data data)) {
            return;
        }
        Duration since = Duration.ofNanos(Math.max(0, receivedNanos - subscribedNanos));
        if (Channels.SUBSCRIPTIONS.equals(data.channel())) {
            for (Event e : data.events()) {
                if (e instanceof Event.Subscriptions s) {
                    for (Subscription r : requested) {
                        if (covers(s.subscriptions().get(r.channel()), r)) {
                            ackedAfter.putIfAbsent(r.channel(), since);
                        }
                    }
                }
            }
        } else if (!Channels.HEARTBEATS.equals(data.channel()) && firstDataAfter == null) {
            firstDataAfter = since;
        }
    }

    private static boolean covers(List<String> listed, Subscription r) {
        if (listed == null) {
            return false;
        }
        if (Channels.PRODUCTLESS.contains(r.channel()) || "user".equals(r.channel())) {
            return true;
        }
        for (String p : r.products()) {
            if (!listed.contains(p) && !listed.contains(ProductIds.canonical(p))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Takes {@code subs} as what this session asked for without sending anything: a replayed recording's client
     * already sent them, and its acknowledgement says what they were.
     */
    public void adopt(List<Subscription> subs) {
        requested.addAll(subs);
        subs.forEach(s -> s.products().forEach(p -> ledger.ages().expect(ProductIds.canonical(p), feedClock.instant())));
    }

    /** Notes a frame's acknowledgements again, after {@link #adopt} (the ack that named them acknowledges them). */
    public void noteAgain(Received r) {
        noteAcksAndData(r.decoded(), r.raw().receivedNanos());
    }

    public List<Subscription> requested() {
        return List.copyOf(requested);
    }

    /** Channels asked for whose acknowledgement has not come. */
    public List<String> unacknowledged() {
        return requested.stream().map(Subscription::channel).filter(c -> !ackedAfter.containsKey(c)).toList();
    }

    /** Whether every requested channel is acknowledged; unlike {@link #unacknowledged} it allocates nothing. */
    public boolean allAcknowledged() {
        for (Subscription r : requested) {
            if (!ackedAfter.containsKey(r.channel())) {
                return false;
            }
        }
        return true;
    }

    /** When each acknowledged channel was acknowledged, after its subscribe, in the order they were. */
    public Map<String, Duration> ackedAfter() {
        return ackedView;
    }

    public Duration firstDataAfter() {
        return firstDataAfter;
    }

    public List<String> channels() {
        return requested.stream().map(Subscription::channel).toList();
    }

    /**
     * Now on the feed clock: this machine's time minus every moment feedctl's reader spent waiting for room. Ages
     * and silences measured on it are the feed's, never feedctl's own backlog.
     */
    public Instant feedNow() {
        return feedClock.instant();
    }

    public FrameLedger ledger() {
        return ledger;
    }

    public FrameSource connection() {
        return conn;
    }

    public boolean signed() {
        return signer != null;
    }

    @Override
    public void close() {
        conn.close();
    }

    /** This machine's clock, minus the time the session's connection reader stalled. */
    private final class FeedClock extends Clock {
        private final Clock wall;

        FeedClock(Clock wall) {
            this.wall = wall;
        }

        @Override
        public Instant instant() {
            return wall.instant().minusNanos(conn.stalledNanos());
        }

        @Override
        public ZoneId getZone() {
            return wall.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new FeedClock(wall.withZone(zone));
        }
    }
}
