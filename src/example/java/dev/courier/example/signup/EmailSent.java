package dev.courier.example.signup;

import java.time.Instant;

/**
 * What the {@code sendEmail} task returns: Courier stores it with the task's status, and {@code GET /v1/tasks/{id}}
 * shows it as {@code result} once the task succeeded.
 */
public record EmailSent(String to, Instant sentAt) {
}
