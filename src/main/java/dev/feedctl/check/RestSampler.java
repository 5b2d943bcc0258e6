package dev.feedctl.check;

import com.google.gson.JsonElement;
import dev.feedctl.transport.RestClient;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fetches REST prices while the socket runs, on its own thread, so they can be compared with socket prices of the
 * same moment. Measures the clock skew against {@code /time} first.
 */
final class RestSampler implements Runnable {

    static final Duration ROUND = Duration.ofSeconds(1);

    /**
     * One REST price; the server read it somewhere between {@code requestedAt} and {@code fetchedAt}, which on a
     * loaded machine can be far apart.
     */
    record Sample(String product, BigDecimal price, Instant requestedAt, Instant fetchedAt) {
    }

    private final RestClient rest;
    private final List<String> products;
    private final long endNanos;
    private final Clock clock;
    final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private volatile Long skewMillis;
    private volatile String lastProblem;
    private volatile boolean running = true;

    RestSampler(RestClient rest, List<String> products, long endNanos, Clock clock) {
        this.rest = rest;
        this.products = products;
        this.endNanos = endNanos;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            measureSkew();
            boolean first = true;
            while ((running || first) && System.nanoTime() < endNanos) {
                first = false; // one whole round even when the socket fails at once: "REST works, socket does not"
                long roundStart = System.nanoTime();
                for (String p : products) {
                    Instant requestedAt = clock.instant();
                    RestClient.Reply r = rest.product(p, endNanos);
                    BigDecimal price = r.ok() ? decimal(r.json().get("price")) : null;
                    if (price != null) {
                        samples.add(new Sample(p, price, requestedAt, clock.instant()));
                    } else if (r.status() != 0 || lastProblem == null) {
                        lastProblem = describe(r); // an HTTP answer says more than running out of time
                    }
                }
                long sleep = ROUND.toNanos() - (System.nanoTime() - roundStart);
                if (sleep > 0 && running) {
                    Thread.sleep(Math.min(sleep, Math.max(0, endNanos - System.nanoTime())) / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) { // said in rest-price, which then fails: never a silent early end
            failure = e;
            lastProblem = "feedctl's REST sampler failed: " + dev.feedctl.protocol.Untrusted.text(e.toString());
        }
    }

    /** The unexpected exception that stopped sampling, or null. */
    Throwable failure() {
        return failure;
    }

    private volatile Throwable failure;

    private void measureSkew() throws InterruptedException {
        Instant before = clock.instant();
        RestClient.Reply r = rest.time(endNanos);
        Instant after = clock.instant();
        Long exchange = r.ok() ? RestClient.epochMillis(r.json()) : null;
        if (exchange != null) {
            long local = (before.toEpochMilli() + after.toEpochMilli()) / 2;
            skewMillis = exchange - local;
        } else if (r.ok()) {
            lastProblem = "GET /time answered without a whole-number epochMillis";
        } else {
            lastProblem = describe(r);
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
            return "HTTP 200 with a body that is not a JSON object"
                    + (body0.isEmpty() ? " (empty)" : ": " + dev.feedctl.protocol.Untrusted.text(
                    body0.length() > 60 ? body0.substring(0, 57) + "..." : body0));
        }
        String body = r.body() == null ? "" : r.body().replaceAll("[ \\t\\r\\n]+", " ");
        return "HTTP " + r.status() + (body.isEmpty() ? "" : " " + dev.feedctl.protocol.Untrusted.text(
                body.length() > 120 ? body.substring(0, 117) + "..." : body));
    }

    /** A REST price: a sane positive decimal, or null (absurd text is never compared: its arithmetic never ends). */
    static BigDecimal decimal(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        BigDecimal d = dev.feedctl.protocol.Untrusted.decimal(e.getAsString());
        return d != null && d.signum() > 0 ? d : null;
    }

    /** Exchange clock minus this machine's, in milliseconds; null when /time did not answer. */
    Long skewMillis() {
        return skewMillis;
    }

    String lastProblem() {
        return lastProblem;
    }

    void stop() {
        running = false;
    }
}
