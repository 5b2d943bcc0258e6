package dev.feedctl.monitor;

import java.util.Locale;

/**
 * Where {@code --metrics} serves: {@code PORT}, {@code HOST:PORT} or {@code [IPv6]:PORT}. Loopback unless a host is
 * named: an exporter is readable by anyone who can reach it, so exposing it is the user's explicit choice.
 */
public record MetricsAddress(String host, int port) {

    public static final String LOOPBACK = "127.0.0.1";

    /** The address {@code feedctl monitor} serves on when none is given (the port Prometheus assigns to feedctl). */
    public static final MetricsAddress MONITOR_DEFAULT = new MetricsAddress(LOOPBACK, 9464);

    /** Parses the option's value; throws {@link IllegalArgumentException} with the reason in words. */
    public static MetricsAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        String host = LOOPBACK;
        String port = t;
        if (colon >= 0) {
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("write an IPv6 host in brackets, like [::1]:9464");
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("the host before ':' is empty; give HOST:PORT or only PORT");
            }
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + port + "' is not a port (0 to 65535)");
        }
        return new MetricsAddress(host.toLowerCase(Locale.ROOT), Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
