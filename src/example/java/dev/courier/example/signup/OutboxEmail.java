package dev.courier.example.signup;

import java.time.Instant;

/**
 * An e-mail "sent" by a task (schema {@code OutboxEmail}). {@code sentBy} and {@code requestId} come from the task's
 * own context, not from its arguments: they prove the task ran as the caller of the endpoint.
 */
public record OutboxEmail(String taskId, String to, String subject, String sentBy, String requestId,
                          Instant sentAt) {
}
