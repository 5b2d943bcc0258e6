package dev.feedctl.check;

import com.google.gson.JsonElement;
import dev.feedctl.protocol.NetworkText;
import dev.feedctl.transport.RestClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fetches REST prices while the socket runs, on its own thread, so they can be compared with socket prices of the
 * same moment. Measures the clock skew against {@code /time} first. Hands a sample over once the socket's prices are
 * judged past its window: a backlog (feedctl's or upstream) must not make an old price stand for the current one.
 */
final class RestSampler extends RestRounds {

    static final Duration ROUND = Duration.ofSeconds(1);
    /** Socket prices up to this long after REST answered still count for the sample. */
    static final Duration WINDOW_AFTER = Duration.ofMillis(500);

    /**
     * One REST price; the server read it somewhere between {@code requestedAt} and {@code fetchedAt}, which on a
     * loaded machine can be far apart.
     */
    record Sample(String product, BigDecimal price, Instant requestedAt, Instant fetchedAt) {

        /** The end of the moments a socket price is compared with this one at. */
        Instant windowEnd() {
            return fetchedAt.plus(WINDOW_AFTER);
        }
    }

    private final Clock clock;
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private volatile Long skewMillis;
    private Thread thread;

    RestSampler(RestClient rest, List<String> products, long endNanos, Clock clock) {
        super(rest, products, endNanos, new RestTally("sampler"));
        this.clock = clock;
    }

    @Override
    void rounds() throws InterruptedException {
        measureSkew();
        if (products.isEmpty()) {
            return; // no priced channel (Verifier): REST's clock was all there was to read
        }
        boolean first = true;
        while ((running() || first) && System.nanoTime() < endNanos) {
            first = false; // one whole round even when the socket fails at once: "REST works, socket does not"
            long roundStart = System.nanoTime();
            for (String p : products) {
                Instant requestedAt = clock.instant();
                RestClient.Reply r = rest.product(p, endNanos);
                BigDecimal price = r.ok() ? decimal(r.json().get("price")) : null;
                if (price != null) {
                    took(new Sample(p, price, requestedAt, clock.instant()));
                } else if (r.status() != 0 || tally.lastProblem() == null) {
                    tally.problem(describe(r)); // an HTTP answer says more than running out of time
                }
            }
            restOfRound(roundStart, ROUND);
        }
    }

    /** Starts sampling on its own thread. */
    void start() {
        thread = new Thread(this, "feedctl-rest-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops sampling, waiting at most {@code waitMillis}: never interrupted, an answer on its way still counts. */
    void end(long waitMillis) throws InterruptedException {
        stop();
        thread.join(waitMillis);
    }

    /** A sample taken: it waits for its window to close. */
    void took(Sample s) {
        samples.add(s);
    }

    /**
     * The samples whose window closed by {@code judgedThrough} (the socket's prices are judged that far), in the
     * order taken; the others stay for a later call. A null {@code judgedThrough} hands over every one: the run is
     * over.
     */
    List<Sample> closedBy(Instant judgedThrough) {
        List<Sample> closed = new ArrayList<>();
        List<Sample> later = new ArrayList<>();
        Sample s;
        while ((s = samples.poll()) != null) {
            (judgedThrough == null || !s.windowEnd().isAfter(judgedThrough) ? closed : later).add(s);
        }
        samples.addAll(later);
        return closed;
    }

    /** Samples still waiting for their window to close. */
    int waiting() {
        return samples.size();
    }

    /** The unexpected exception that stopped sampling, or null. */
    Throwable failure() {
        return tally.failure();
    }

    private void measureSkew() throws InterruptedException {
        Instant before = clock.instant();
        RestClient.Reply r = rest.time(endNanos);
        Instant after = clock.instant();
        Long exchange = r.ok() ? RestClient.epochMillis(r.json()) : null;
        if (exchange != null) {
            long local = (before.toEpochMilli() + after.toEpochMilli()) / 2;
            skewMillis = exchange - local;
        } else if (r.ok()) {
            tally.problem("GET /time answered without a whole-number epochMillis");
        } else {
            tally.problem(describe(r));
        }
    }

    static String describe(RestClient.Reply r) {
        if (r.status() == 0) {
            return "no answer: " + r.error();
        }
        String body0 = r.body() == null ? "" : r.body().stripLeading();
        if (body0.startsWith("<")) { // a login page, a proxy's error page, a web server's 404
            return "HTTP " + r.status() + " with an HTML page, not Advanced Trade JSON";
        }
        if (r.status() == 200 && r.json() == null) {
            return "HTTP 200 with a body that is not a JSON object" + (body0.isEmpty() ? " (empty)" : ": "
                    + NetworkText.text(body0.length() > 60 ? body0.substring(0, 57) + "..." : body0));
        }
        String body = r.body() == null ? "" : r.body().replaceAll("[ \\t\\r\\n]+", " ");
        return "HTTP " + r.status() + (body.isEmpty() ? "" : " " + NetworkText.text(
                body.length() > 120 ? body.substring(0, 117) + "..." : body));
    }

    /** A REST price: a sane positive decimal, or null (absurd text is never compared: its arithmetic never ends). */
    static BigDecimal decimal(JsonElement e) {
        return e == null || !e.isJsonPrimitive() ? null : decimal(e.getAsString());
    }

    /** A price or size as REST wrote it: a decimal above zero, else null. */
    static BigDecimal decimal(String text) {
        BigDecimal d = text == null ? null : NetworkText.decimal(text);
        return d != null && d.signum() > 0 ? d : null;
    }

    /** Exchange clock minus this machine's, in milliseconds; null when /time did not answer. */
    Long skewMillis() {
        return skewMillis;
    }

    String lastProblem() {
        return tally.lastProblem();
    }
}
