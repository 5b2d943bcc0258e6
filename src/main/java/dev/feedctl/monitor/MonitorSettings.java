package dev.feedctl.monitor;

import java.time.Duration;
import java.util.List;

/**
 * What the monitor serves about: the label values known before anything connects (products, shards, channels), so
 * every family is present with zeros from the first scrape.
 *
 * @param shards       the products of each shard, in shard order
 * @param channels     the subscribe names
 * @param restCheck    --rest-check is on: the REST families exist
 * @param maxStaleness a product older than this is stale
 */
public record MonitorSettings(MetricsAddress address, List<String> products, List<List<String>> shards,
                              List<String> channels, Duration maxStaleness, boolean restCheck) {
}
