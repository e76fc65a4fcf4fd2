package dev.courier.internal.config;

/** The algorithm JWTs on the API are signed with. */
public enum JwtAlgorithm {
  /** HMAC with SHA-256 and a shared secret ({@code auth.jwt.secret}). */
  HS256,
  /** RSA signatures, verified with the public key in {@code auth.jwt.publicKeyFile}. */
  RS256,
  /** ECDSA P-256 signatures, verified with the public key in {@code auth.jwt.publicKeyFile}. */
  ES256;

  /** Whether tokens are verified with a shared secret rather than a public key. */
  public boolean usesSecret() {
    return this == HS256;
  }
}
