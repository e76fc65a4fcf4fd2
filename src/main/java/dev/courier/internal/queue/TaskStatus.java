package dev.courier.internal.queue;

/** A snapshot of one task hash; times are epoch ms, {@code null} when unset. */
public record TaskStatus(String id, String queue, String task, String subject, TaskState state, int attempts,
    int maxAttempts, Long enqueuedAt, Long dueAt, Long startedAt, Long finishedAt, String lastError) {
}
