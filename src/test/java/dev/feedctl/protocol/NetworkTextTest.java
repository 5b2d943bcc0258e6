package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkTextTest {

    @Test
    void controlCharactersAndLoneSurrogatesBecomeVisibleEscapes() {
        assertEquals("going away", NetworkText.text("going away"));
        assertEquals("a\\x1b]0;pwned\\x07b", NetworkText.text("a\u001b]0;pwned\u0007b"));
        assertEquals("x\\x0d\\x0aPASS connection", NetworkText.text("x\r\nPASS connection"));
        assertEquals("\\x7f\\x9b", NetworkText.text("\u007f\u009b"));
        assertEquals("bad \\ud800 x", NetworkText.text("bad \ud800 x"));
        assertEquals("emoji \uD83D\uDE00 kept", NetworkText.text("emoji \uD83D\uDE00 kept"));
        assertEquals("ßß-USD é", NetworkText.text("ßß-USD é"));
        String longText = "y".repeat(1000);
        assertTrue(NetworkText.text(longText).endsWith("(1000 characters)"));
    }

    /** The one guard for decimals read outside the frame decoder: what arithmetic can use, or null. */
    @Test
    void aDecimalFromTheNetworkIsUsableOrNull() {
        assertEquals(new java.math.BigDecimal("68900.51"), NetworkText.decimal("68900.51"));
        assertEquals(new java.math.BigDecimal("1E+40"), NetworkText.decimal("1E+40"));
        assertEquals(null, NetworkText.decimal("1E+999999999"), "valid BigDecimal text whose subtraction throws");
        assertEquals(null, NetworkText.decimal("1E-41"));
        assertEquals(null, NetworkText.decimal("1".repeat(41)));
        assertEquals(null, NetworkText.decimal("12,5"));
        assertEquals(null, NetworkText.decimal(null));
    }
}
