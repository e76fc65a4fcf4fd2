package dev.courier.example.signup;

import java.util.List;

/** Answer of {@code GET /v1/outbox}: the caller's sent e-mails, oldest first (schema {@code Outbox}). */
public record Outbox(List<OutboxEmail> emails) {
}
