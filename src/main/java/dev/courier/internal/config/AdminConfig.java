package dev.courier.internal.config;

import java.util.Objects;

/**
 * Settings of the admin API and dashboard ({@code admin.*}).
 *
 * @param role the role a bearer token needs for the admin API, and to see any task's status
 */
public record AdminConfig(String role) {

  public AdminConfig {
    Objects.requireNonNull(role, "'role' cannot be null");
  }
}
