package dev.feedctl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UntrustedTest {

    @Test
    void controlCharactersAndLoneSurrogatesBecomeVisibleEscapes() {
        assertEquals("going away", Untrusted.text("going away"));
        assertEquals("a\\x1b]0;pwned\\x07b", Untrusted.text("a\u001b]0;pwned\u0007b"));
        assertEquals("x\\x0d\\x0aPASS connection", Untrusted.text("x\r\nPASS connection"));
        assertEquals("\\x7f\\x9b", Untrusted.text("\u007f\u009b"));
        assertEquals("bad \\ud800 x", Untrusted.text("bad \ud800 x"));
        assertEquals("emoji \uD83D\uDE00 kept", Untrusted.text("emoji \uD83D\uDE00 kept"));
        assertEquals("ßß-USD é", Untrusted.text("ßß-USD é"));
        String longText = "y".repeat(1000);
        assertTrue(Untrusted.text(longText).endsWith("(1000 characters)"));
    }

    /** The one guard for decimals read outside the frame decoder: what arithmetic can use, or null. */
    @Test
    void aDecimalFromTheNetworkIsUsableOrNull() {
        assertEquals(new java.math.BigDecimal("68900.51"), Untrusted.decimal("68900.51"));
        assertEquals(new java.math.BigDecimal("1E+40"), Untrusted.decimal("1E+40"));
        assertEquals(null, Untrusted.decimal("1E+999999999"), "valid BigDecimal text whose subtraction throws");
        assertEquals(null, Untrusted.decimal("1E-41"));
        assertEquals(null, Untrusted.decimal("1".repeat(41)));
        assertEquals(null, Untrusted.decimal("12,5"));
        assertEquals(null, Untrusted.decimal(null));
    }
}
