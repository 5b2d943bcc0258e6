package dev.feedctl.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The book check reads REST's product_book answers itself ({@link dev.feedctl.protocol.ProductBook}): a real answer
 * gives the levels and the time it stood at, and an answer that is no book says what it is, as when Gson read them.
 */
@Timeout(30)
class BookAnswersTest {

    /** Runs the book auditor against a REST that answers every product_book with {@code body}, until {@code until}. */
    private static BookAuditor auditor(String body, Predicate<BookAuditor> until) throws Exception {
        LoopbackRest rest = LoopbackRest.answering(body);
        BookAuditor auditor = new BookAuditor(rest.client, List.of("BTC-USD"), 10, Long.MAX_VALUE);
        Thread t = new Thread(auditor, "book-answers-test");
        t.setDaemon(true);
        t.start();
        try {
            long end = System.nanoTime() + 20_000_000_000L;
            while (!until.test(auditor) && System.nanoTime() < end) {
                Thread.sleep(20); // polling the auditor's own thread, bounded by the deadline
            }
            return auditor;
        } finally {
            auditor.stop();
            t.interrupt();
            rest.close();
        }
    }

    @Test
    void aProductBookAnswerGivesItsLevelsAndTime() throws Exception {
        String body = "{\"pricebook\":{\"product_id\":\"BTC-USD\",\"bids\":[{\"price\":\"100.50\",\"size\":\"2\"},"
                + "{\"price\":100.4,\"size\":\"0.5\"}],\"asks\":[{\"price\":\"100.6\\u0030\",\"size\":\"1.25\"}],"
                + "\"time\":\"2026-12-06T08:55:48.570238043Z\"},\"last\":\"100.5\",\"spread_bps\":\"10\"}";
        BookAuditor a = auditor(body, x -> !x.books.isEmpty());
        BookAuditor.RestBook b = a.books.peek();
        assertNotNull(b, "a book was read");
        assertEquals(Instant.parse("2026-12-06T08:55:48.570238043Z"), b.time());
        assertEquals(List.of(new SocketBook.Level(new BigDecimal("100.5"), new BigDecimal("2")),
                new SocketBook.Level(new BigDecimal("100.4"), new BigDecimal("0.5"))), b.bids());
        assertEquals(List.of(new SocketBook.Level(new BigDecimal("100.6"), new BigDecimal("1.25"))), b.asks());
        assertEquals(0, a.tally.failed());
    }

    @Test
    void anHtmlPageIsNamedNotReadAsABook() throws Exception {
        BookAuditor a = auditor("<html>maintenance</html>", x -> x.tally.lastProblem() != null);
        assertEquals("HTTP 200 with an HTML page, not Advanced Trade JSON", a.tally.lastProblem());
        assertTrue(a.tally.failed() > 0);
        assertTrue(a.books.isEmpty());
    }

    @Test
    void jsonWithoutAPricebookOrWithAnUnstatedLevelIsNamed() throws Exception {
        for (String body : List.of("{\"last\":\"100\"}", "{\"pricebook\":{\"bids\":[{\"price\":\"1\"}],\"asks\":[],"
                + "\"time\":\"2026-12-06T08:55:48Z\"}}", "{\"pricebook\":{\"bids\":[],\"asks\":[]}}")) {
            BookAuditor a = auditor(body, x -> x.tally.lastProblem() != null);
            assertEquals("a product_book answer without pricebook bids, asks and time", a.tally.lastProblem(), body);
            assertTrue(a.books.isEmpty(), body);
        }
    }

    @Test
    void aBodyThatIsNoJsonObjectIsNamed() throws Exception {
        BookAuditor a = auditor("[1,2]", x -> x.tally.lastProblem() != null);
        assertEquals("HTTP 200 with a body that is not a JSON object: [1,2]", a.tally.lastProblem());
    }
}
