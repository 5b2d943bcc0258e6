package dev.feedctl.transport;

/** What a REST client has done so far, read-only: what a report states about REST without asking it anything. */
public interface RestCounts {

    long calls();

    /** Requests answered 429. */
    long refused();

    long serverErrors();

    long networkFailures();
}
