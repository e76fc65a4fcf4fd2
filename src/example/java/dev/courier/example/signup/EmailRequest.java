package dev.courier.example.signup;

/** Body of {@code POST /v1/emails} (schema {@code EmailRequest}); {@code delaySeconds} is 0..86400, 0 by default. */
public record EmailRequest(String to, String subject, String body, Integer delaySeconds) {
}
