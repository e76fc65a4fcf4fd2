package dev.courier.example.signup;

import io.vertx.core.json.JsonObject;

import java.util.List;

/** The caller as the framework saw its token (schema {@code Me}). */
public record Me(String subject, List<String> roles, JsonObject claims) {
}
