package dev.feedctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.feedctl.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A live verify's checks PASS only on what they observed: nothing received is nothing kept up with, or fresh. */
@Timeout(60)
class VerifyEvidenceTest {

    private static JsonObject check(Run r, String name) {
        for (var c : Json.parse(r.out()).getAsJsonObject().getAsJsonArray("checks")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return c.getAsJsonObject();
            }
        }
        throw new AssertionError("no check " + name + "\n" + r);
    }

    @Test
    void keepingUpWithNothingIsASkip() {
        Run r = Run.of("verify", "--sim=no-ack", "--timeout", "1s", "--duration", "2s", "-o", "json");
        assertEquals(5, r.code(), r::toString);
        JsonObject keepingUp = check(r, "keeping-up");
        assertEquals("SKIP", keepingUp.get("status").getAsString(), r::toString);
        assertTrue(keepingUp.get("evidence").getAsString().startsWith("no frame arrived"), r::toString);
        Run text = Run.of("verify", "--sim=no-ack", "--timeout", "1s", "--duration", "2s");
        assertEquals(5, text.code(), text::toString);
        assertTrue(text.out().contains("SKIP keeping-up     no frame arrived"), text::toString);
    }

    @Test
    void aProductThatNeverUpdatedIsNotFreshJustBecauseTheRunWasShort(@TempDir Path dir) throws Exception {
        Run rec = Run.of("subscribe", "--sim", "-p", "ETH-USD", "--annotate", "--duration", "1500ms");
        // the acknowledgement says BTC-USD was asked for too; not one frame for it follows
        String both = rec.out().replace("\"ticker\":[\"ETH-USD\"]", "\"ticker\":[\"BTC-USD\",\"ETH-USD\"]");
        assertTrue(both.contains("BTC-USD"), rec::toString);
        Path file = Files.writeString(dir.resolve("btc-silent.ndjson"), both);
        Run r = Run.of("verify", "--replay", file.toString(), "-o", "json");
        JsonObject freshness = check(r, "freshness");
        assertEquals("PASS", freshness.get("status").getAsString(), r::toString);
        String evidence = freshness.get("evidence").getAsString();
        assertTrue(evidence.contains("ETH-USD") && evidence.contains("no update yet for BTC-USD (not yet stale)"),
                r::toString);
        assertFalse(freshness.getAsJsonObject("data").has("BTC-USD"), "no age for a product never updated\n" + r);
        assertEquals("FAIL", check(r, "messages").get("status").getAsString(), r::toString);

        // the same with the products given: silence is counted from the recording's start, not from 1970
        Run given = Run.of("verify", "--replay", file.toString(), "-p", "BTC-USD,ETH-USD", "-o", "json");
        JsonObject givenFreshness = check(given, "freshness");
        assertEquals("PASS", givenFreshness.get("status").getAsString(), given::toString);
        assertTrue(givenFreshness.get("evidence").getAsString().contains("no update yet for BTC-USD"), given::toString);

        // and products the recording never acknowledged are named as missing from it, not from a --timeout
        Run unasked = Run.of("verify", "--replay", file.toString(), "-p", "BTC-USD,SOL-USD", "-o", "json");
        assertEquals(5, unasked.code(), unasked::toString);
        assertTrue(check(unasked, "acknowledged").get("diagnosis").getAsString().contains("in the recording ("),
                unasked::toString);
    }
}
