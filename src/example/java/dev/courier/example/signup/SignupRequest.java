package dev.courier.example.signup;

/** Body of {@code POST /v1/signup} (schema {@code SignupRequest}). */
public record SignupRequest(String email, String name) {
}
