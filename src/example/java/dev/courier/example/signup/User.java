package dev.courier.example.signup;

import java.time.Instant;

/** A signed-up user, as answered and as stored (schema {@code User}). */
public record User(String userId, String email, String name, Instant createdAt) {
}
