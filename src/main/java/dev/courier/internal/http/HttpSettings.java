package dev.courier.internal.http;

import java.util.List;

/**
 * What the HTTP side needs from the node's config.
 *
 * @param contract          classpath location of the OpenAPI contract
 * @param corsOrigins       allowed origins ({@code *} for any); empty turns CORS off
 * @param validateResponses check every JSON reply against the contract (on in tests)
 * @param shutdownGraceSeconds how long a stopping server lets requests in flight finish
 * @param idleTimeoutSeconds how long a silent client connection stays open
 */
public record HttpSettings(String host, int port, long maxBodyBytes, List<String> corsOrigins,
                           boolean validateResponses, String contract, int shutdownGraceSeconds,
                           int idleTimeoutSeconds) {

  public HttpSettings {
    corsOrigins = List.copyOf(corsOrigins);
  }
}
