package dev.feedctl.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** --metrics values, and the fixed set of outage causes alert rules name. */
class MetricsAddressTest {

    @Test
    void aPortAloneIsLoopbackAndAHostIsTakenAsGiven() {
        assertEquals(new MetricsAddress("127.0.0.1", 9464), MetricsAddress.parse("9464"));
        assertEquals(new MetricsAddress("0.0.0.0", 9100), MetricsAddress.parse("0.0.0.0:9100"));
        assertEquals(new MetricsAddress("::1", 9464), MetricsAddress.parse("[::1]:9464"));
        assertEquals("[::1]:9464", MetricsAddress.parse("[::1]:9464").toString());
    }

    @Test
    void whatIsNotAnAddressSaysWhy() {
        assertEquals("'70000' is not a port (0 to 65535)",
                assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse("70000")).getMessage());
        assertEquals("write an IPv6 host in brackets, like [::1]:9464",
                assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse("::1:9464")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetricsAddress.parse(":9464"));
    }

    @Test
    void outageKindsMapToTheFiveCauses() {
        assertEquals(OutageCause.CLOSE, OutageCause.of("close", 1001));
        assertEquals(OutageCause.DROP, OutageCause.of("close", 1006));
        assertEquals(OutageCause.STALL, OutageCause.of("stall", null));
        assertEquals(OutageCause.STALL, OutageCause.of("no-ack", null));
        assertEquals(OutageCause.REFUSED, OutageCause.of("refused", null));
        assertEquals(OutageCause.REFUSED, OutageCause.of("connect", null));
        assertEquals(OutageCause.ERROR, OutageCause.of("server-error", null));
    }
}
