package dev.courier.internal.queue;

/**
 * A delivery the claim script buried instead of starting it: its task id (for an entry that named none, the id of
 * the dead record made for it), a short reason code ({@code damaged}, {@code unknown_id}) and the reason stored as
 * the task's last error.
 */
public record Buried(String taskId, String code, String reason) {
}
