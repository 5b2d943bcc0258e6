package dev.feedctl.check;

import dev.feedctl.protocol.NetworkText;
import dev.feedctl.transport.RestClient;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one REST thread (the trades and book audits, the price sampler) asked and what went wrong: the counts for the
 * check's evidence, the last problem for its diagnosis, and the unexpected exception that ended the thread, if one did
 * (the check then FAILs with 70; nothing ends silently). Written by the REST thread, read by the judging one.
 */
final class RestTally {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String lastProblem;
    private volatile Throwable failure;
    private final String who;

    /** @param who what the thread is, as its failure names it ("audit", "sampler") */
    RestTally(String who) {
        this.who = who;
    }

    /** A request went out (one the budget had no slot for is not counted: nothing was asked). */
    void asked() {
        requests.incrementAndGet();
    }

    /** The answer could not be used: refused with 429, or failed; {@code unusable} says why when it was a 200. */
    void unusable(RestClient.Reply r, String unusable) {
        (r.status() == 429 ? refused : failed).incrementAndGet();
        lastProblem = r.ok() ? unusable : RestSampler.describe(r);
    }

    /** Something went wrong that {@link #unusable} does not count: its diagnosis wins the last word. */
    void problem(String text) {
        lastProblem = text;
    }

    /** The audit's thread died of {@code e}. */
    void died(Throwable e) {
        // the problem first: a reader on another thread that sees the failure then sees its explanation too
        lastProblem = "feedctl's REST " + who + " failed: " + NetworkText.text(e.toString());
        failure = e;
    }

    /** What the tally holds now, for a check to read. */
    Seen seen() {
        return new Seen(requests(), refused(), failed(), lastProblem, failure);
    }

    /** A tally as it stood when the run's evidence was taken. */
    record Seen(long requests, long refused, long failed, String lastProblem, Throwable failure) {

        /** {@code REST ticker calls 3, refused (429) 0, failed 0}. */
        String evidence(String endpoint) {
            return "REST " + endpoint + " calls " + requests + ", refused (429) " + refused + ", failed " + failed;
        }
    }

    long requests() {
        return requests.get();
    }

    long refused() {
        return refused.get();
    }

    long failed() {
        return failed.get();
    }

    String lastProblem() {
        return lastProblem;
    }

    /** The unexpected exception that stopped the audit, or null. */
    Throwable failure() {
        return failure;
    }
}
