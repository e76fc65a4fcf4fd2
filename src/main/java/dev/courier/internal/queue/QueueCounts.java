package dev.courier.internal.queue;

/**
 * Sizes of one queue: {@code ready} entries not yet delivered, {@code pending} delivered but not acknowledged (in
 * the group's PEL), {@code delayed} waiting for a due time, {@code dead} buried.
 */
public record QueueCounts(long ready, long pending, long delayed, long dead) {
}
