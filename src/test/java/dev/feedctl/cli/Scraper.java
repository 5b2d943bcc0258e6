package dev.feedctl.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a running tail's /metrics and /healthz over loopback; the address is the one tail printed on stderr. */
final class Scraper {

    private static final Pattern URL = Pattern.compile("metrics: (http://127\\.0\\.0\\.1:\\d+)/metrics");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;

    private Scraper(URI base) {
        this.base = base;
    }

    /** Waits (bounded) until the command said where it serves. */
    static Scraper of(Supplier<String> stderr) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            Matcher m = URL.matcher(stderr.get());
            if (m.find()) {
                return new Scraper(URI.create(m.group(1)));
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the command never said where it serves metrics; stderr:\n" + stderr.get());
    }

    record Reply(int status, String contentType, String body) {
    }

    Reply get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5));
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    Exposition metrics() throws Exception {
        Reply r = get("/metrics", null);
        if (r.status() != 200) {
            throw new AssertionError("/metrics answered " + r.status() + ": " + r.body());
        }
        return Exposition.parse(r.body());
    }

    /** Polls /metrics until {@code what} holds, at most {@code within}; returns the scrape that showed it. */
    Exposition awaitMetrics(Predicate<Exposition> what, Duration within, String description) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        Exposition last = null;
        while (System.nanoTime() < end) {
            last = metrics();
            if (what.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never saw " + description + "; last scrape: " + last);
    }

    /** Polls /healthz until its status is {@code status}, at most {@code within}; returns that reply. */
    Reply awaitHealth(int status, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        Reply last = null;
        while (System.nanoTime() < end) {
            last = get("/healthz", null);
            if (last.status() == status) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("/healthz never answered " + status + "; last: " + last);
    }
}
