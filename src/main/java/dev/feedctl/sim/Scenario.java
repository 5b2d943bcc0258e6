package dev.feedctl.sim;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Named fault presets for {@code --scenario} and {@code --sim=SCENARIO}. Timings suit a 3–10 s verify run. */
public enum Scenario {
    HEALTHY("a well-behaved Advanced Trade exchange", Faults.NONE),
    DROPS("every 7th data frame lost (its sequence number used up)", faults(new Fault.DropFrames(7))),
    GAPS("every 10th data frame skips 2 sequence numbers", faults(new Fault.SequenceGaps(10, 2))),
    STALL_DATA("data stops after 1 s; heartbeats continue", faults(new Fault.StallData(Duration.ofSeconds(1)))),
    STALL_ALL("everything stops after 1 s; the socket stays open", faults(new Fault.StallAll(Duration.ofSeconds(1)))),
    MALFORMED("every 5th data frame malformed: bad JSON/missing field/wrong type",
            faults(new Fault.MalformedFrames(5))),
    DEPRECATED_HOSTNAME("closes 1000 \"deprecated hostname\" at once, like old Pro hosts",
            faults(new Fault.Close(Duration.ofMillis(30), 1000, "deprecated hostname"), new Fault.NoAck())),
    GOING_AWAY("closes 1001 \"going away\" after 1.5 s", faults(new Fault.Close(Duration.ofMillis(1500), 1001,
            "going away"))),
    ABRUPT_DROP("drops TCP after 1.5 s without a close frame (client: 1006)",
            faults(new Fault.AbruptDrop(Duration.ofMillis(1500)))),
    REFUSE_404("answers the upgrade with HTTP 404", faults(new Fault.RefuseUpgrade(404))),
    REFUSE_429("answers the upgrade with HTTP 429 and Retry-After: 1", faults(new Fault.RefuseUpgrade(429))),
    REFUSE_503("answers the upgrade with HTTP 503, no Retry-After", faults(new Fault.RefuseUpgrade(503))),
    BIG_SNAPSHOT("level2 snapshot of 8 MiB", faults(new Fault.BigSnapshot(8 * 1024 * 1024))),
    SLOW_ACK("acknowledges each subscribe 3 s late", faults(new Fault.SlowAck(Duration.ofSeconds(3)))),
    NO_ACK("never acknowledges a subscribe", faults(new Fault.NoAck())),
    LEGACY_EXCHANGE("speaks the legacy Exchange protocol (channels array in, type out)",
            faults(new Fault.LegacyExchange())),
    REST_429("REST answers 429, Retry-After: 1, the documented error body",
            faults(new Fault.RestRateLimited(1, 1))),
    REST_OFFSET("REST prices 200 bps above the socket's", faults(new Fault.RestPriceOffset(200))),
    REST_5XX("REST answers 503 to every request", faults(new Fault.RestServerError(1, 503))),
    STALE_PRODUCT("first product silent on the socket after 1 s; REST trades on",
            faults(new Fault.StaleProduct(null, Duration.ofSeconds(1)))),
    QUIET_PRODUCT("the first product stops trading after 1 s (socket and REST): a quiet market",
            faults(new Fault.QuietProduct(null, Duration.ofSeconds(1)))),
    CLOCK_SKEW("the exchange clock runs 140 s ahead of this machine", faults(new Fault.ClockSkew(
            Duration.ofSeconds(140)))),
    DROP_TRADES("every 5th trade never reaches market_trades; sequence numbers stay contiguous (an upstream loss)",
            faults(new Fault.DropTrades(5))),
    BOOK_DRIFT("one level2 update of the first level2 product lost upstream after 0.5 s; that book then rests",
            faults(new Fault.BookDrift(Duration.ofMillis(500))));

    private final String description;
    private final Faults faults;

    Scenario(String description, Faults faults) {
        this.description = description;
        this.faults = faults;
    }

    private static Faults faults(Fault... fs) {
        return new Faults(java.util.List.of(fs));
    }

    /** The name users type: {@code stall-data}, {@code refuse-429}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String description() {
        return description;
    }

    public Faults faults() {
        return faults;
    }

    public static Optional<Scenario> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Scenario::id).toList();
    }
}
