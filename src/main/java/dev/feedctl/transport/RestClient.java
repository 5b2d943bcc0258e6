package dev.feedctl.transport;

import dev.feedctl.protocol.LastTrade;
import dev.feedctl.protocol.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.feedctl.auth.JwtSigner;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Advanced Trade REST price endpoints (docs/protocol.md §7). Stays within a request budget, honours 429 with
 * Retry-After and backoff with jitter, retries 5xx (and one burst 401) a bounded number of times, never past the
 * caller's deadline, and counts what it did. Thread-safe.
 */
public final class RestClient {

    public static final String PREFIX = "/api/v3/brokerage";
    static final int MAX_RETRIES = 2;
    /** The longest Retry-After taken at its word. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    /** One answer. {@code status} is 0 when no HTTP answer came at all; {@code error} then says why. */
    public record Reply(int status, JsonObject json, String body, String retryAfter, String error) {
        public boolean ok() {
            return status == 200 && json != null;
        }

        /** This answer with its body read as JSON, for one that {@link #getUnparsed} gave. */
        public Reply parsed() {
            return json != null || body == null || body.isEmpty() ? this : new Reply(status, jsonObject(body), body,
                    retryAfter, error);
        }
    }

    private final URI base;
    /** The base without trailing slashes, then {@link #PREFIX}: made once, not with a regex per request. */
    private final String root;
    /**
     * The base as a URL and its path then {@link #PREFIX}, for {@link #url}; null when the base has a user part, a
     * query or a fragment, or no host (then each request's URL is parsed whole, as before).
     */
    private final URL baseUrl;
    private final String rootPath;
    /** The proxy for the base's host, asked of the JDK's proxy selector once, on the first request. */
    private volatile Proxy proxy;
    private final Path caFile;
    private volatile SSLSocketFactory tls;
    private final JwtSigner signer;
    private final Duration timeout;
    private final long spacingNanos;
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param caFile            extra TLS trust anchor ({@code --ca-file}), the same the socket uses; null for none
     * @param requestsPerSecond the budget: requests are spaced so it is never exceeded
     */
    public RestClient(URI base, Path caFile, JwtSigner signer, double requestsPerSecond, Duration timeout) {
        this.base = base;
        this.root = base.toString().replaceAll("/+$", "") + PREFIX;
        this.baseUrl = base.getRawUserInfo() == null && base.getHost() != null && base.getRawQuery() == null
                && base.getRawFragment() == null ? urlOf(base) : null;
        this.rootPath = baseUrl == null ? null : baseUrl.getPath().replaceAll("/+$", "") + PREFIX;
        this.caFile = caFile;
        this.signer = signer;
        this.timeout = timeout;
        this.spacingNanos = (long) (1e9 / requestsPerSecond);
    }

    /** The exchange's {@code epochMillis} from a {@code /time} answer; null when absent or not a whole number. */
    public static Long epochMillis(JsonObject time) {
        JsonElement e = time == null ? null : time.get("epochMillis");
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        try {
            return Long.parseLong(e.getAsString().trim());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    public Reply time(long deadlineNanos) throws InterruptedException {
        return get("/time", false, deadlineNanos);
    }

    public Reply product(String id, long deadlineNanos) throws InterruptedException {
        return get("/market/products/" + id, false, deadlineNanos);
    }

    /**
     * The newest trade REST shows for {@code id} ({@code /ticker}), {@link LastTrade#NONE} when it lists none, null
     * when it did not answer or its answer cannot say: the one reader of REST's last trade for every command (the
     * trades check reads REST's windows of trades with {@link dev.feedctl.protocol.TickerTrades}).
     */
    public LastTrade lastTrade(String id, long deadlineNanos) throws InterruptedException {
        Reply r = getUnparsed("/market/products/" + id + "/ticker?limit=1", false, deadlineNanos);
        return r.status() == 200 ? LastTrade.read(r.body()) : null;
    }

    public Reply productBook(String id, long deadlineNanos) throws InterruptedException {
        return get("/market/product_book?product_id=" + id + "&limit=1", false, deadlineNanos);
    }

    /** The authenticated best bid/ask; needs a key (a REST JWT with the request's uri). */
    public Reply bestBidAsk(String id, long deadlineNanos) throws InterruptedException {
        return get("/best_bid_ask?product_ids=" + id, true, deadlineNanos);
    }

    /** GET {@code PREFIX + path}, retried within the budget and before {@code deadlineNanos} (System.nanoTime). */
    public Reply get(String path, boolean signed, long deadlineNanos) throws InterruptedException {
        return get(path, signed, deadlineNanos, true);
    }

    /**
     * {@link #get}, the body left as text ({@link Reply#json} null; {@link Reply#parsed} reads it): for a caller
     * that reads its answers itself.
     */
    public Reply getUnparsed(String path, boolean signed, long deadlineNanos) throws InterruptedException {
        return get(path, signed, deadlineNanos, false);
    }

    private Reply get(String path, boolean signed, long deadlineNanos, boolean parse) throws InterruptedException {
        Reply last = null;
        boolean retried401 = false;
        for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
            if (!waitForSlot(deadlineNanos)) {
                return last != null ? last : new Reply(0, null, "", null, "request budget left no time before "
                        + "the deadline");
            }
            last = once(path, signed, deadlineNanos, parse);
            long backoff;
            if (last.status() == 429) {
                refused.incrementAndGet();
                backoff = retryAfterNanos(last.retryAfter(), attempt);
            } else if (last.status() >= 500) {
                serverErrors.incrementAndGet();
                backoff = Duration.ofMillis(200L << attempt).toNanos();
            } else if (last.status() == 401 && !retried401) {
                retried401 = true; // bursts of 401 with valid keys are reported by users: try once more
                backoff = Duration.ofMillis(250).toNanos();
            } else if (last.status() == 0) {
                failures.incrementAndGet();
                backoff = Duration.ofMillis(200L << attempt).toNanos();
            } else {
                return last;
            }
            long jitter = ThreadLocalRandom.current().nextLong(Duration.ofMillis(100).toNanos());
            long wakeAt = System.nanoTime() + backoff + jitter;
            if (attempt == MAX_RETRIES || wakeAt >= deadlineNanos) {
                return last;
            }
            sleepUntil(wakeAt);
        }
        return last;
    }

    /**
     * One request on the JDK's HttpURLConnection (keep-alive reused). Not java.net.http.HttpClient: on Java 17 its
     * selector thread sits in native code, and HotSpot then spends 300 ms at every exit waiting for it.
     */
    private Reply once(String path, boolean signed, long deadlineNanos, boolean parse) throws InterruptedException {
        calls.incrementAndGet();
        HttpURLConnection c = null;
        java.util.concurrent.ScheduledFuture<?> watchdog = null;
        try {
            URI uri = signed ? URI.create(root + path) : null; // the token signs the path as a URI reads it
            c = (HttpURLConnection) (uri != null ? uri.toURL() : url(path)).openConnection(proxy());
            if (c instanceof HttpsURLConnection https && caFile != null) {
                https.setSSLSocketFactory(tls());
            }
            c.setConnectTimeout((int) timeout.toMillis());
            c.setReadTimeout((int) timeout.toMillis());
            // a redirect is reported, never followed: a signed token must reach only the host it was signed for, and
            // an answer counts only from the host that was asked
            c.setInstanceFollowRedirects(false);
            // the read timeout is per read: a server that trickles a byte a second would never time out, so the
            // whole request ends at the caller's deadline (or the timeout), whatever the server does
            HttpURLConnection conn = c;
            // at least a second even near the caller's deadline (a first request also pays for its connection)
            long wholeRequest = Math.min(timeout.toNanos(), Math.max(MIN_REQUEST.toNanos(),
                    deadlineNanos - System.nanoTime()));
            long until = System.nanoTime() + wholeRequest;
            watchdog = Watchdog.TIMER.schedule(conn::disconnect, wholeRequest, java.util.concurrent.TimeUnit.NANOSECONDS);
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("User-Agent", "feedctl");
            if (signed && signer != null) {
                c.setRequestProperty("Authorization", "Bearer " + signer.forRest("GET", uri.getRawAuthority()
                        + uri.getRawPath()));
            }
            int status = c.getResponseCode();
            if (status >= 300 && status < 400) {
                String to = c.getHeaderField("Location");
                c.disconnect();
                return new Reply(0, null, "", null, "HTTP " + status + " redirect to " + (to == null ? "nowhere"
                        : dev.feedctl.protocol.NetworkText.text(to)) + " not followed (feedctl sends a token only to the "
                        + "host it was signed for); point --rest-url at the final address");
            }
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            // the body is read here against the deadline too: a disconnect from the watchdog does not always
            // interrupt a read already under way, but a server that trickles returns from every read
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while (in != null && (n = in.read(buf)) != -1) {
                bytes.write(buf, 0, n);
                if (bytes.size() > MAX_BODY) {
                    c.disconnect();
                    return new Reply(0, null, "", null, "the answer's body is over " + MAX_BODY / 1024 + " KiB: not "
                            + "an Advanced Trade REST answer");
                }
                if (System.nanoTime() > until) {
                    c.disconnect();
                    return new Reply(0, null, "", null, "no complete answer in time: the server sent too slowly");
                }
            }
            String body = bytes.toString(StandardCharsets.UTF_8);
            if (in != null) {
                in.close(); // a fully read, closed stream returns the connection to the keep-alive cache
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return new Reply(status, parse ? jsonObject(body) : null, body, c.getHeaderField("Retry-After"), null);
        } catch (IOException | IllegalArgumentException | GeneralSecurityException e) {
            if (c != null) {
                c.disconnect();
            }
            boolean late = watchdog != null && watchdog.isDone();
            return new Reply(0, null, "", null, late ? "no complete answer in time: the server sent too slowly"
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    /**
     * The URL of {@code PREFIX + path}, from the base's parts: no parse of the whole text per request. Each request's
     * URI and URL parses (and the proxy selector's own URI) were most of the JDK code a long tail's REST polls ran,
     * and that code reached the JIT's second compiler at random times over the hours, its working memory showing as
     * RSS peaks. A path with anything but the characters of product ids, numbers and parameters is parsed whole, so
     * it fails as before.
     */
    private URL url(String path) throws MalformedURLException {
        if (baseUrl == null || !plain(path)) {
            return URI.create(root + path).toURL();
        }
        // deprecated from JDK 20 (not for removal) because it does not validate: plain() and the base's URI did
        return new URL(baseUrl.getProtocol(), baseUrl.getHost(), baseUrl.getPort(), rootPath + path);
    }

    /** The base as a URL; null when it is none (an unknown scheme): its requests then fail as before. */
    private static URL urlOf(URI base) {
        try {
            return base.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char ch = path.charAt(i);
            if (!(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '/' || ch == '-'
                    || ch == '_' || ch == '.' || ch == '?' || ch == '&' || ch == '=' || ch == ',')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JDK proxy selector's choice for the base (system properties such as {@code https.proxyHost}), asked once:
     * every request goes to the same host, and asking per request parsed a URI each time.
     */
    private Proxy proxy() {
        Proxy p = proxy;
        if (p == null) {
            ProxySelector selector = ProxySelector.getDefault();
            java.util.List<Proxy> choice = selector == null ? null : selector.select(base);
            p = choice == null || choice.isEmpty() ? Proxy.NO_PROXY : choice.get(0);
            proxy = p;
        }
        return p;
    }

    static final Duration MIN_REQUEST = Duration.ofSeconds(1);

    /** A REST answer is a few KiB; a body over this is cut off, not read into memory. */
    static final int MAX_BODY = 1024 * 1024;

    /**
     * One daemon timer for every client's request deadlines, made on first use; its thread ends three seconds after
     * the last deadline is done with (cancelled deadlines are removed at once), so a finished command leaves none
     * behind. Not one second: verify's price sampler asks every second, the trades and book checks every two or
     * three, and a thread that idled out just before each request was made again for it (a new thread per request:
     * profiled in a 60 s verify with the trades and book checks, a quarter of all REST threads' CPU).
     */
    private static final class Watchdog {
        static final java.util.concurrent.ScheduledExecutorService TIMER = timer();

        private static java.util.concurrent.ScheduledExecutorService timer() {
            var t = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "feedctl-rest-deadline");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            t.setKeepAliveTime(3, java.util.concurrent.TimeUnit.SECONDS);
            t.allowCoreThreadTimeOut(true);
            return t;
        }
    }

    /** The trust of {@code --ca-file}, built on first use (the file is read once per client). */
    private SSLSocketFactory tls() throws IOException, GeneralSecurityException {
        SSLSocketFactory f = tls;
        if (f == null) {
            f = Trust.context(caFile).getSocketFactory();
            tls = f;
        }
        return f;
    }

    private static JsonObject jsonObject(String body) {
        try {
            JsonElement e = Json.parse(body);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException notJson) {
            return null; // left null: the status and body say what came
        }
    }

    private static long retryAfterNanos(String retryAfter, int attempt) {
        if (retryAfter != null) {
            try {
                double seconds = Double.parseDouble(retryAfter.trim());
                if (seconds >= 0 && seconds <= MAX_RETRY_AFTER.toSeconds()) { // Infinity, 1e308, NaN: not believed
                    return (long) (seconds * 1e9);
                }
                return MAX_RETRY_AFTER.toNanos(); // the caller's deadline cuts it shorter anyway
            } catch (NumberFormatException ignored) {
                // an HTTP date or garbage: fall back to exponential backoff
            }
        }
        return Duration.ofMillis(500L << attempt).toNanos();
    }

    /** Reserves the next request slot under the budget; false when it would fall after the deadline. */
    private boolean waitForSlot(long deadlineNanos) throws InterruptedException {
        long now = System.nanoTime();
        long slot;
        while (true) {
            long next = nextSlot.get();
            slot = Math.max(now, next);
            if (slot >= deadlineNanos) {
                return false;
            }
            if (nextSlot.compareAndSet(next, slot + spacingNanos)) {
                break;
            }
        }
        sleepUntil(slot);
        return true;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** The calls so far, as one reading. */
    public RestCounts counts() {
        return new RestCounts(calls.get(), refused.get(), serverErrors.get(), failures.get());
    }
}
