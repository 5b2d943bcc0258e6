package dev.feedctl.transport;

/**
 * What a REST client had done when asked: what a report states about REST without asking it anything.
 *
 * @param calls           requests sent, retries included
 * @param refused         requests answered 429
 * @param serverErrors    requests answered 5xx
 * @param networkFailures requests that got no answer
 */
public record RestCounts(long calls, long refused, long serverErrors, long networkFailures) {
}
