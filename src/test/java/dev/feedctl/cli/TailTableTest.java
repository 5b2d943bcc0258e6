package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.feedctl.live.ShardState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status line's words for the shards' states: the wait for the next attempt is worked out when it is drawn. */
class TailTableTest {

    private static final Instant T0 = Instant.parse("2026-12-06T04:00:00Z");

    @Test
    void aReconnectingShardCountsDownToItsNextAttemptOnTheClockOfTheDrawing() {
        ShardState waiting = new ShardState.Reconnecting(T0.plusMillis(2500), 3, "close 1001 going away");
        Clock early = Clock.fixed(T0.plusMillis(1300), ZoneOffset.UTC);
        Clock late = Clock.fixed(T0.plusSeconds(4), ZoneOffset.UTC);
        assertEquals("reconnecting in 1.2 s (attempt 3, last: close 1001 going away)",
                TailTable.state(List.of(waiting), early.instant()));
        assertEquals("reconnecting in 0.0 s (attempt 3, last: close 1001 going away)",
                TailTable.state(List.of(waiting), late.instant()), "overdue: never a negative wait");
    }

    @Test
    void severalShardsAreNumberedInOrder() {
        List<ShardState> shards = List.of(ShardState.CONNECTED, new ShardState.Down("close 1006"),
                ShardState.CONNECTING);
        assertEquals("#0 connected, #1 down (close 1006), #2 connecting", TailTable.state(shards, T0));
        assertEquals("connected", TailTable.state(List.of(ShardState.CONNECTED), T0));
    }
}
