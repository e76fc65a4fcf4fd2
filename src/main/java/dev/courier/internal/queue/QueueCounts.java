package dev.courier.internal.queue;

/**
 * Sizes of one queue: {@code ready} entries not yet delivered, {@code pending} delivered but not acknowledged (in
 * the group's PEL: running), {@code delayed} waiting for a due time, {@code retrying} waiting for their next attempt,
 * {@code dead} buried.
 */
public record QueueCounts(long ready, long pending, long delayed, long retrying, long dead) {
}
