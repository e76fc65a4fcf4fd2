package dev.courier.example.signup;

import java.time.Instant;

/** Answer of {@code POST /v1/emails}: which task will send it, and when (schema {@code EmailQueued}). */
public record EmailQueued(String taskId, Instant dueAt) {
}
