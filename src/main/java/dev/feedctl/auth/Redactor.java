package dev.feedctl.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place secrets are taken out of text. Everything feedctl prints or writes passes through {@link #scrub}.
 * JWTs keep their header and claims (useful for diagnosis) and lose the signature; PEM keys and the secrets
 * registered with this instance disappear. One instance per run: it holds that run's secrets, so runs in the same
 * process (tests) neither share nor leak them.
 */
public final class Redactor {

    private static final Pattern JWT = Pattern.compile("(eyJ[A-Za-z0-9_-]*)\\.(eyJ[A-Za-z0-9_-]*)\\.[A-Za-z0-9_-]+");
    /** The user-info of a URL ({@code wss://user:password@host}): a password on the command line or in env. */
    private static final Pattern USERINFO = Pattern.compile("\\b([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s\"']+@");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", Pattern.DOTALL);
    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    /** The most recent short-lived secrets (JWT signatures) kept: tokens live two minutes, a run makes many. */
    static final int RECENT_KEPT = 256;
    private final java.util.ArrayDeque<String> recent = new java.util.ArrayDeque<>();
    /** Read on every line scrubbed: without a key nothing is ever signed, and the scan is skipped. */
    private volatile boolean recentEmpty = true;

    /** Remembers a short-lived secret (a JWT signature) among the last {@value #RECENT_KEPT}. */
    public void registerRecent(String secret) {
        if (secret == null || secret.length() < 16) {
            return;
        }
        recentEmpty = false;
        synchronized (recent) {
            if (recent.size() >= RECENT_KEPT) {
                recent.pollFirst();
            }
            recent.addLast(secret);
        }
    }

    /** True when {@code text} holds {@code n} or more base64url characters in a row. */
    static boolean hasRun(String text, int n) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                if (++run >= n) {
                    return true;
                }
            } else {
                run = 0;
            }
        }
        return false;
    }

    /** Remembers a secret (a raw key, its escaped form) so it is removed wherever it shows up. */
    public void register(String secret) {
        if (secret != null && secret.length() >= 16) {
            secrets.add(secret);
        }
    }

    public String scrub(String text) {
        String out = withoutPatterns(text);
        if (out == null) {
            return null;
        }
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, "[secret redacted]");
            }
        }
        if (recentEmpty || !hasRun(out, 40)) {
            return out; // no signature made, or none (86 base64url characters) can be in it: most lines end here
        }
        synchronized (recent) {
            for (String s : recent) {
                if (out.contains(s)) {
                    out = out.replace(s, "[secret redacted]");
                }
            }
        }
        return out;
    }

    /** What needs no registered secret: JWT signatures, PEM private keys, passwords in URLs. */
    public static String withoutPatterns(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "." + m.group(2) + ".…"));
        }
        if (out.indexOf('@') >= 0 && out.contains("://")) {
            out = USERINFO.matcher(out).replaceAll("$1[user-info redacted]@");
        }
        if (out.contains("PRIVATE KEY")) {
            out = PEM.matcher(out).replaceAll("[private key redacted]");
        }
        return out;
    }

    /** A JWT as its decoded header and claims with the signature elided, for {@code -v}. */
    public static String describeJwt(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "(not a JWT)";
        }
        try {
            Base64.Decoder d = Base64.getUrlDecoder();
            return new String(d.decode(parts[0]), StandardCharsets.UTF_8) + "."
                    + new String(d.decode(parts[1]), StandardCharsets.UTF_8) + ".…";
        } catch (IllegalArgumentException e) {
            return "(unreadable JWT)";
        }
    }
}
