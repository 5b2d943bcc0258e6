package dev.feedctl.protocol;

/**
 * Text that came from the network (close reasons, error messages, HTTP headers and bodies, certificate subjects),
 * made safe to print: control characters (ESC, BEL, CR, LF, DEL, the C1 range) and lone surrogates become visible
 * escapes such as {@code \x1b}, so a server can neither drive the terminal nor start a new, forged line. Long text is
 * cut with a note of its length.
 */
public final class NetworkText {

    static final int LIMIT = 300;

    private NetworkText() {
    }

    /**
     * A decimal from the network that arithmetic may use: null when the text is not a decimal or is absurd
     * ({@link DecimalsAndTimes#sane}: {@code 1E+999999999} is valid BigDecimal text whose subtraction throws or runs for ever).
     * Every decimal feedctl reads outside the frame decoder (REST prices, trades) goes through here; the decoder
     * applies the same {@link DecimalsAndTimes#sane} and names the violation.
     */
    public static java.math.BigDecimal decimal(String s) {
        java.math.BigDecimal d = s == null ? null : DecimalsAndTimes.decimal(s);
        return d != null && DecimalsAndTimes.sane(d) ? d : null;
    }

    public static String text(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        int n = Math.min(s.length(), LIMIT);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean unsafe = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)
                    || Character.isSurrogate(c) && !pairedAt(s, i);
            if (unsafe && out == null) {
                out = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!unsafe) {
                    out.append(c);
                } else if (c < 0x100) {
                    out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    out.append("\\u").append(Integer.toHexString(c));
                }
            }
            if (Character.isHighSurrogate(c) && pairedAt(s, i) && i + 1 < n) {
                if (out != null) {
                    out.append(s.charAt(i + 1));
                }
                i++;
            }
        }
        String safe = out == null ? s.substring(0, n) : out.toString();
        return s.length() > LIMIT ? safe + "…(" + s.length() + " characters)" : safe;
    }

    /**
     * JSON text made terminal-safe without changing what it means: DEL, the C1 controls (0x80–0x9f; 0x9b is CSI to
     * an 8-bit terminal) and lone surrogates, which strict JSON allows raw inside strings, become {@code \\u}
     * escapes. (Below 0x20 only whitespace is JSON, outside strings; callers re-serialise such text.) Returns the same
     * instance when nothing needs it.
     */
    public static String json(String json) {
        int n = json.length();
        int plain = 0;
        while (plain < n && json.charAt(plain) < 0x7f) {
            plain++; // below DEL nothing needs escaping: a market data frame is all such text, in one tight loop
        }
        if (plain == n) {
            return json;
        }
        StringBuilder out = null;
        for (int i = plain; i < n; i++) {
            char c = json.charAt(i);
            boolean unsafe = c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.isSurrogate(c) && !pairedAt(json, i);
            if (Character.isHighSurrogate(c) && pairedAt(json, i)) {
                if (out != null) {
                    out.append(c).append(json.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (unsafe && out == null) {
                out = new StringBuilder(n + 16).append(json, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? json : out.toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
