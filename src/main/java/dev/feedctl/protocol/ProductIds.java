package dev.feedctl.protocol;

import java.util.Set;

/** Product id aliases: {@code -USDC} products carry {@code -USD} data on market channels (PROTOCOL.md §3.1). */
public final class ProductIds {

    private static final Set<String> DISTINCT_USDC = Set.of("USDT-USDC", "EURC-USDC");

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
