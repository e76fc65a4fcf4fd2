package dev.courier.queue;

/** A task a worker may now run: its envelope and which attempt this is (1-based) out of {@code maxAttempts}. */
public record Started(String taskId, String entryId, String envelope, int attempt, int maxAttempts) {
}
