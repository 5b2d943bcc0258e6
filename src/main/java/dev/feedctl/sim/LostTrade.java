package dev.feedctl.sim;

import java.time.Instant;

/** A trade the exchange made that a fault kept off the socket: what a client checking against REST should miss. */
public record LostTrade(String tradeId, String productId, Instant time) {
}
