package dev.courier.internal.config;

/** Rules that tie one key to another; each failure is one line naming the key that must change. */
final class CrossKeyRules {

  private CrossKeyRules() {
  }

  /**
   * @param verifiesTokens whether the config is for something that checks bearer tokens (a node serving the API, or
   *     one whose /metrics needs a role): only then is a JWT key required; a client has no use for one
   */
  static void check(ConfigValues values, boolean verifiesTokens) {
    if (verifiesTokens) {
      JwtAlgorithm algorithm = values.choice(ConfigKeys.JWT_ALGORITHM, JwtAlgorithm.class);
      // a worker-only node verifies tokens only because of metrics.role: say so, it is the surprising part
      String because = servesApi(values) ? "" : " and metrics.role is set (tokens are checked on /metrics)";
      if (algorithm.usesSecret() && !values.has(ConfigKeys.JWT_SECRET)) {
        throw ConfigException.requiredWhen(ConfigKeys.JWT_SECRET.name(),
          "auth.jwt.algorithm is " + algorithm + because);
      }
      if (!algorithm.usesSecret() && !values.has(ConfigKeys.JWT_PUBLIC_KEY_FILE)) {
        throw ConfigException.requiredWhen(ConfigKeys.JWT_PUBLIC_KEY_FILE.name(),
          "auth.jwt.algorithm is " + algorithm + because);
      }
    }
    signingKeys(values);
    long base = values.longInteger(ConfigKeys.TASKS_BACKOFF_BASE_MILLIS);
    long max = values.longInteger(ConfigKeys.TASKS_BACKOFF_MAX_MILLIS);
    if (max < base) {
      throw ConfigException.badValue(ConfigKeys.TASKS_BACKOFF_MAX_MILLIS.name(),
        values.envSource(ConfigKeys.TASKS_BACKOFF_MAX_MILLIS),
        "must be at least tasks.backoffBaseMillis (" + base + ")", String.valueOf(max));
    }
    // a call may take its whole deadline, then a retry another: a lease shorter than that expires under a healthy
    // worker whose renewal merely waited out one silent connection
    int commandTimeout = values.has(ConfigKeys.REDIS_COMMAND_TIMEOUT_MS)
      ? values.integer(ConfigKeys.REDIS_COMMAND_TIMEOUT_MS) : 0; // unset: derived from the lease, below it
    long leaseMs = values.integer(ConfigKeys.TASKS_LEASE_SECONDS) * 1000L;
    if (commandTimeout >= leaseMs) {
      throw ConfigException.badValue(ConfigKeys.REDIS_COMMAND_TIMEOUT_MS.name(),
        values.envSource(ConfigKeys.REDIS_COMMAND_TIMEOUT_MS),
        "must be below tasks.leaseSeconds in ms (" + leaseMs + ")", String.valueOf(commandTimeout));
    }
  }

  /** Exactly one of the two ways to give the signing keys: one key, or a list for rotation. */
  private static void signingKeys(ConfigValues values) {
    boolean one = values.has(ConfigKeys.TASKS_SIGNING_KEY);
    boolean list = values.has(ConfigKeys.TASKS_SIGNING_KEYS);
    if (one && list) {
      throw ConfigException.conflictingKeys(ConfigKeys.TASKS_SIGNING_KEY.name(),
        values.envSource(ConfigKeys.TASKS_SIGNING_KEY), ConfigKeys.TASKS_SIGNING_KEYS.name(),
        values.envSource(ConfigKeys.TASKS_SIGNING_KEYS), "keep only tasks.signingKeys (its first key signs, every "
          + "key verifies) or only tasks.signingKey");
    }
    if (!one && !list) {
      throw ConfigException.missingKey(ConfigKeys.TASKS_SIGNING_KEY.name());
    }
  }

  /** Whether a node of this config serves the API, and so verifies bearer tokens. */
  static boolean servesApi(ConfigValues values) {
    return values.choice(ConfigKeys.ROLE, NodeRole.class).runsApi();
  }

  /** Whether a node of this config verifies bearer tokens: it serves the API, or its /metrics needs a role. */
  static boolean verifiesTokens(ConfigValues values) {
    return servesApi(values) || values.bool(ConfigKeys.METRICS_ENABLED) && values.has(ConfigKeys.METRICS_ROLE);
  }
}
