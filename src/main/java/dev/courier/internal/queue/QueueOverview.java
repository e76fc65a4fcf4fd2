package dev.courier.internal.queue;

import java.time.Instant;

/**
 * One queue as an operator sees it: its sizes by state, and whether it is paused.
 *
 * @param pausedBy the subject of the operator who paused it, or {@code null} when it is not paused
 * @param pausedAt when it was paused, or {@code null}
 */
public record QueueOverview(String queue, QueueCounts counts, boolean paused, String pausedBy, Instant pausedAt) {
}
