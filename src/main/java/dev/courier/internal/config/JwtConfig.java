package dev.courier.internal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How bearer tokens are verified ({@code auth.jwt.*}). With HS256 {@link #secret()} is present; with RS256 or ES256
 * {@link #publicKeyFile()} and {@link #publicKeyPem()} are, the PEM already read and checked by the loader.
 * {@link #toString()} never shows the secret.
 *
 * @param algorithm signing algorithm
 * @param secret shared HMAC secret (HS256)
 * @param publicKeyFile where the public key was read from (RS256, ES256)
 * @param publicKeyPem the PEM text, {@code -----BEGIN PUBLIC KEY-----} block included (RS256, ES256)
 * @param issuer required {@code iss} claim, if any
 * @param audience required {@code aud} claim, if any
 * @param leewaySeconds clock skew tolerated on time claims
 * @param rolesClaim the claims roles are read from ({@code auth.jwt.rolesClaim})
 */
public record JwtConfig(JwtAlgorithm algorithm, Optional<String> secret, Optional<Path> publicKeyFile,
                        Optional<String> publicKeyPem, Optional<String> issuer, Optional<String> audience,
                        int leewaySeconds, List<String> rolesClaim) {

  public JwtConfig {
    Objects.requireNonNull(algorithm, "'algorithm' cannot be null");
    Objects.requireNonNull(secret, "'secret' cannot be null");
    Objects.requireNonNull(publicKeyFile, "'publicKeyFile' cannot be null");
    Objects.requireNonNull(publicKeyPem, "'publicKeyPem' cannot be null");
    Objects.requireNonNull(issuer, "'issuer' cannot be null");
    Objects.requireNonNull(audience, "'audience' cannot be null");
    rolesClaim = List.copyOf(rolesClaim);
  }

  @Override
  public String toString() {
    return "JwtConfig[algorithm=" + algorithm + ", secret=" + secret.map(s -> Redaction.HIDDEN).orElse("<none>")
      + ", publicKeyFile=" + publicKeyFile.map(Path::toString).orElse("<none>")
      + ", issuer=" + issuer.orElse("<any>") + ", audience=" + audience.orElse("<any>")
      + ", leewaySeconds=" + leewaySeconds + ", rolesClaim=" + rolesClaim + "]";
  }
}
