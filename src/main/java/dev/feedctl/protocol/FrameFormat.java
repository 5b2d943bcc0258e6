package dev.feedctl.protocol;

/** Which Coinbase feed a frame comes from, told apart by its shape (PROTOCOL.md §1, §2). */
public enum FrameFormat {
    ADVANCED_TRADE("Coinbase Advanced Trade", ""),
    LEGACY_EXCHANGE("legacy Coinbase Exchange (Pro/GDAX) feed",
            "this is the legacy Exchange format (top-level \"type\", \"sequence\", a \"channels\" array); "
                    + "connect to wss://advanced-trade-ws.coinbase.com and subscribe with one \"channel\" per message"),
    INTERNATIONAL("Coinbase International Exchange (INTX) feed",
            "INTX uses upper-case SUBSCRIBE and HMAC auth; for Advanced Trade use wss://advanced-trade-ws.coinbase.com"),
    DERIVATIVES_JSONRPC("Advanced Trade Global Derivatives JSON-RPC feed",
            "the derivatives feed speaks JSON-RPC 2.0; for spot market data use wss://advanced-trade-ws.coinbase.com"),
    NOT_JSON("not JSON", "the server sent text that is not JSON"),
    UNKNOWN("an unrecognised format", "check the URL: it does not look like any Coinbase feed");

    private final String description;
    private final String advice;

    FrameFormat(String description, String advice) {
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

    /** Another Coinbase feed (legacy Exchange, INTX, derivatives): the endpoint is wrong, not one frame. */
    public boolean isOtherFeed() {
        return this == LEGACY_EXCHANGE || this == INTERNATIONAL || this == DERIVATIVES_JSONRPC;
    }
}
