package dev.feedctl.protocol;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Product ids (docs/protocol.md §3.1): their form ({@code BASE-QUOTE}, ASCII capitals and digits) and their aliases
 * ({@code -USDC} products carry {@code -USD} data on market channels).
 */
public final class ProductIds {

    /** The form of a product id. ASCII only: case-folding other scripts would invent ids (ßß-USD to SSSS-USD). */
    public static final Pattern FORM = Pattern.compile("[A-Z0-9]{2,10}-[A-Z0-9]{2,6}");
    private static final Pattern ASCII_FORM = Pattern.compile("[A-Za-z0-9]{2,10}-[A-Za-z0-9]{2,6}");
    private static final Set<String> DISTINCT_USDC = Set.of("USDT-USDC", "EURC-USDC");

    /** A product id as a user typed it, in its canonical capitals, or null when it is not of the form. */
    public static String normalise(String typed) {
        String id = typed.trim();
        return ASCII_FORM.matcher(id).matches() ? id.toUpperCase(Locale.ROOT) : null;
    }

    public static boolean isWellFormed(String id) {
        return FORM.matcher(id).matches();
    }

    private ProductIds() {
    }

    /** The id market-data messages carry for a subscribed product id. */
    public static String canonical(String productId) {
        if (productId.endsWith("-USDC") && !DISTINCT_USDC.contains(productId)) {
            return productId.substring(0, productId.length() - 1);
        }
        return productId;
    }
}
