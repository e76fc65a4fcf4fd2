package dev.courier.internal.config;

import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP API ({@code http.*}).
 *
 * @param host interface to listen on
 * @param port port to listen on; 0 picks a free port
 * @param maxBodyBytes largest request body accepted
 * @param corsAllowedOrigins origins allowed by CORS, or {@code ["*"]}; empty means CORS is off
 * @param validateResponses whether responses are validated against the contract too
 * @param instances API verticle instances per node
 * @param shutdownGraceSeconds how long shutdown waits for requests in flight
 * @param idleTimeoutSeconds how long a client connection may stay silent before it is closed
 */
public record HttpConfig(String host, int port, long maxBodyBytes, List<String> corsAllowedOrigins,
                         boolean validateResponses, int instances, int shutdownGraceSeconds,
                         int idleTimeoutSeconds) {

  public HttpConfig {
    Objects.requireNonNull(host, "'host' cannot be null");
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
  }

  /** Whether a CORS handler should be installed at all. */
  public boolean corsEnabled() {
    return !corsAllowedOrigins.isEmpty();
  }
}
