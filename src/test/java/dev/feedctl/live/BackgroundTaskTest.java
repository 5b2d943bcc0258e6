package dev.feedctl.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BackgroundTaskTest {

    @Test
    void anUnexpectedExceptionIsSaidOnceAndMarksTheFeatureFailed() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        CountDownLatch marked = new CountDownLatch(1);
        Thread t = BackgroundTask.thread("test-rest", "the REST check", (what, e) -> said.add(what + ": " + e),
                () -> {
                    throw new ArithmeticException("BigInteger would overflow supported range");
                }, marked::countDown);
        t.start();
        assertTrue(marked.await(5, TimeUnit.SECONDS), "the feature was marked failed");
        t.join(5000);
        assertEquals(List.of("the REST check failed and was stopped: java.lang.ArithmeticException: BigInteger would "
                + "overflow supported range"), said);
        assertTrue(t.isDaemon());
    }

    @Test
    void anInterruptEndsItQuietly() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        CountDownLatch running = new CountDownLatch(1);
        boolean[] marked = {false};
        Thread t = BackgroundTask.thread("test-wait", "waiting", (what, e) -> said.add(what), () -> {
            running.countDown();
            new CountDownLatch(1).await();
        }, () -> marked[0] = true);
        t.start();
        assertTrue(running.await(5, TimeUnit.SECONDS));
        t.interrupt();
        t.join(5000);
        assertEquals(List.of(), said);
        assertEquals(false, marked[0]);
    }
}
