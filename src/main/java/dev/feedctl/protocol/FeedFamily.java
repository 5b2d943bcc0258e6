package dev.feedctl.protocol;

/**
 * The Coinbase feeds whose frames feedctl can tell apart by their shape (docs/protocol.md §1, §2). Text that is not a
 * frame of any of them is a {@link Frame.Unreadable}, not a family.
 */
public enum FeedFamily {
    ADVANCED_TRADE("Coinbase Advanced Trade", ""),
    LEGACY_EXCHANGE("legacy Coinbase Exchange (Pro/GDAX) feed",
            "this is the legacy Exchange format (top-level \"type\", \"sequence\", a \"channels\" array); "
                    + "connect to " + CoinbaseHosts.MARKET_DATA + " and subscribe with one \"channel\" per message"),
    INTERNATIONAL("Coinbase International Exchange (INTX) feed",
            "INTX uses upper-case SUBSCRIBE and HMAC auth; for Advanced Trade use " + CoinbaseHosts.MARKET_DATA),
    DERIVATIVES_JSONRPC("Advanced Trade Global Derivatives JSON-RPC feed",
            "the derivatives feed speaks JSON-RPC 2.0; for spot market data use " + CoinbaseHosts.MARKET_DATA);


    private final String description;
    private final String advice;

    FeedFamily(String description, String advice) {
        this.description = description;
        this.advice = advice;
    }

    public String description() {
        return description;
    }

    /** What to change when this format shows up where Advanced Trade was expected. */
    public String advice() {
        return advice;
    }

}
