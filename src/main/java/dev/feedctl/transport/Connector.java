package dev.feedctl.transport;

import dev.feedctl.protocol.CoinbaseHosts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Opens a socket phase by phase (dns, tcp, tls, upgrade), timing each and naming the cause of a failure. */
public final class Connector {

    private static final Pattern STATUS = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})");

    private final Clock clock;

    public Connector(Clock clock) {
        this.clock = clock;
    }

    public Connection open(ConnectSpec spec) throws ConnectFailure, InterruptedException {
        List<Phase> phases = new ArrayList<>();
        String host = spec.uri().getHost();
        boolean tls = "wss".equalsIgnoreCase(spec.uri().getScheme());
        int port = spec.uri().getPort() > 0 ? spec.uri().getPort() : tls ? 443 : 80;

        long t0 = System.nanoTime();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            phases.add(Phase.failed("dns", since(t0), Map.of("host", host), "cannot resolve " + host,
                    "check the host name and this machine's DNS (no network?)"));
            throw new ConnectFailure(phases);
        }
        Map<String, String> dns = new LinkedHashMap<>(); // host first, then what it resolved to: on every run
        dns.put("host", host);
        dns.put("addresses", Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(",")));
        phases.add(Phase.passed("dns", since(t0), dns));

        long t1 = System.nanoTime();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(addresses[0], port), (int) spec.timeout().toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            phases.add(Phase.failed("tcp", since(t1), Map.of("address", addresses[0].getHostAddress() + ":" + port),
                    tcpCause(e, addresses[0], port), "is the server running and reachable on that port?"));
            throw new ConnectFailure(phases);
        }
        phases.add(Phase.passed("tcp", since(t1), Map.of("address", addresses[0].getHostAddress() + ":" + port)));

        if (tls) {
            socket = handshake(socket, host, port, spec, phases);
        }

        WireHeaders meter = new WireHeaders(spec.maxMessageSize());
        Connection conn = new Connection(spec, meter, clock);
        conn.client().setSocket(new ObservedSocket(socket, meter));
        long t3 = System.nanoTime();
        boolean open = conn.client().connectBlocking(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        Duration took = since(t3);
        Map<String, String> head = headFacts(meter.responseHead());
        if (!open && !"101".equals(head.get("status"))) {
            conn.close();
            phases.add(upgradeFailure(took, head, conn.closeInfo(), spec));
            throw new ConnectFailure(phases);
        }
        if (!open && meter.serverClose() == null && !conn.wasOpened()) {
            // a 101 the WebSocket client refused: not a connection, whatever the status line says (an upgrade that
            // completed and then closed at once, feedctl refusing the first frame, say, is a connection: it goes on)
            conn.close();
            phases.add(Phase.failed("upgrade", took, head, "the server answered 101 but the handshake is invalid: "
                    + invalidHandshake(meter.responseHead()), "this is not a WebSocket server (or a proxy broke the "
                    + "upgrade); check the URL"));
            throw new ConnectFailure(phases);
        }
        // a 101 followed at once by a close (a retired host does this, or feedctl refused the first frame) is a
        // connection: the close is reported next
        phases.add(Phase.passed("upgrade", took, head));
        conn.phases(phases);
        return conn;
    }

    private Socket handshake(Socket plain, String host, int port, ConnectSpec spec, List<Phase> phases)
            throws ConnectFailure {
        long t2 = System.nanoTime();
        try {
            SSLSocket ssl = (SSLSocket) Trust.context(spec.caFile()).getSocketFactory()
                    .createSocket(plain, host, port, true);
            SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            ssl.setSoTimeout((int) spec.timeout().toMillis());
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            phases.add(Phase.passed("tls", since(t2), sessionFacts(ssl.getSession())));
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            closeQuietly(plain);
            phases.add(Phase.failed("tls", since(t2), Map.of(), tlsCause(e),
                    e.getMessage() != null && e.getMessage().contains("PKIX")
                            ? "the server's certificate is not trusted: for a private CA pass it with --ca-file PEM"
                            : "check the host name and the server's certificate"));
            throw new ConnectFailure(phases);
        }
    }

    private static Map<String, String> sessionFacts(SSLSession s) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("protocol", s.getProtocol());
        facts.put("cipher", s.getCipherSuite());
        try {
            Certificate[] chain = s.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                facts.put("subject", dev.feedctl.protocol.NetworkText.text(x.getSubjectX500Principal().getName()));
                facts.put("expires", x.getNotAfter().toInstant().toString());
            }
        } catch (SSLException e) {
            facts.put("subject", "unavailable");
        }
        return facts;
    }

    private static Phase upgradeFailure(Duration took, Map<String, String> head, CloseInfo close, ConnectSpec spec) {
        String status = head.get("status");
        if (status != null && !"101".equals(status)) {
            String fix = switch (status) {
                case "404" -> "nothing serves a socket at " + spec.uri() + "; Advanced Trade serves it at the host "
                        + "root: " + CoinbaseHosts.MARKET_DATA;
                case "429" -> "the server is rate-limiting connections" + (head.containsKey("retry-after")
                        ? " (Retry-After: " + head.get("retry-after") + " s)" : "") + "; wait, then connect less often";
                case "401", "403" -> "the server refused the connection; check the URL and any proxy in between";
                default -> "the server refused the WebSocket upgrade; check the URL";
            };
            return Phase.failed("upgrade", took, head, "upgrade refused with HTTP " + status, fix);
        }
        if (close != null && close.code() >= 1000) { // below 1000 is the client library giving up, not a close
            return Phase.failed("upgrade", took, head, "closed during the upgrade: " + close.code() + " "
                    + close.reason(), "the server ended the connection before it was open");
        }
        return Phase.failed("upgrade", took, head, "no answer to the upgrade within "
                + dev.feedctl.units.Notation.duration(spec.timeout()), "the server accepted TCP but did not speak WebSocket; check the URL and --timeout");
    }

    /** What is wrong with a 101 the client refused, from its headers (RFC 6455 §4.1). */
    static String invalidHandshake(String rawHead) {
        String h = rawHead.toLowerCase(java.util.Locale.ROOT);
        if (!h.contains("\nsec-websocket-accept:")) {
            return "no Sec-WebSocket-Accept header";
        }
        if (!h.contains("\nupgrade: websocket")) {
            return "no \"Upgrade: websocket\" header";
        }
        return "its Sec-WebSocket-Accept does not answer the key feedctl sent";
    }

    /** Status, Retry-After and the other headers worth showing from the raw response head. */
    static Map<String, String> headFacts(String head) {
        Map<String, String> facts = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        if (lines.length > 0) {
            Matcher m = STATUS.matcher(lines[0]);
            if (m.find()) {
                facts.put("status", m.group(1));
            }
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                if (name.equals("retry-after") || name.startsWith("x-ratelimit") || name.equals("server")
                        || name.equals("sec-websocket-extensions") || name.equals("content-type")) {
                    facts.put(name, dev.feedctl.protocol.NetworkText.text(lines[i].substring(colon + 1).trim()));
                }
            }
        }
        return facts;
    }

    private static String tcpCause(IOException e, InetAddress address, int port) {
        if (e instanceof ConnectException) {
            return "connection refused by " + address.getHostAddress() + ":" + port + " (nothing listening)";
        }
        if (e instanceof SocketTimeoutException) {
            return "no TCP answer from " + address.getHostAddress() + ":" + port + " in time";
        }
        return "TCP connect failed: " + e.getMessage();
    }

    private static String tlsCause(Exception e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("PKIX")) {
            return "TLS certificate not trusted (" + m + ")";
        }
        if (m.contains("No subject alternative") || m.contains("doesn't match")) {
            return "TLS certificate does not match the host name (" + m + ")";
        }
        return "TLS handshake failed: " + m;
    }

    private static Duration since(long t) {
        return Duration.ofNanos(System.nanoTime() - t);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already failing; the original error is what matters
        }
    }
}
