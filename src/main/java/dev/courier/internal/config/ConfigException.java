package dev.courier.internal.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

/**
 * A configuration problem found at start-up. {@link #getMessage()} is always one line that names the key (or
 * file) and what is wrong with it, and never contains a secret value, so it can be printed as-is before the node
 * exits.
 *
 * <p>Instances are created only through the named factories, e.g. {@code ConfigException.missingKey("redis.url")}.
 */
public final class ConfigException extends RuntimeException {

  private final ConfigErrorType type;
  private final String key;

  private ConfigException(ConfigErrorType type, String key, String message) {
    super(message);
    this.type = type;
    this.key = key;
  }

  /** The kind of problem. */
  public ConfigErrorType type() {
    return type;
  }

  /** The dotted key at fault, or {@code null} when the problem is the file itself. */
  public String key() {
    return key;
  }

  /** A required key has no value in the file nor in its environment variable. */
  public static ConfigException missingKey(String key) {
    return new ConfigException(ConfigErrorType.MISSING_KEY, key,
      "config key '" + key + "' is missing; set it in the config file or in " + EnvNames.of(key));
  }

  /** A key is required because another key has a given value, e.g. the JWT secret when the algorithm is HS256. */
  public static ConfigException requiredWhen(String key, String condition) {
    return new ConfigException(ConfigErrorType.REQUIRED_WHEN, key,
      "config key '" + key + "': required when " + condition);
  }

  /**
   * A key's value is wrong.
   *
   * @param envVar the environment variable the value came from, or {@code null} if it came from the file
   * @param problem what the value must be, e.g. {@code must be an integer from 0 to 65535}
   * @param shown the offending value as it may be printed (already redacted by the caller)
   */
  public static ConfigException badValue(String key, String envVar, String problem, String shown) {
    return new ConfigException(ConfigErrorType.BAD_VALUE, key,
      where(key, envVar) + ": " + problem + ", got " + shown);
  }

  /**
   * Two keys that say one thing in two ways are both set, e.g. {@code tasks.signingKey} and {@code tasks.signingKeys}.
   *
   * @param envVar      the environment variable {@code key}'s value came from, or {@code null}
   * @param otherEnvVar the same for {@code other}
   * @param advice      what to do instead, e.g. which one to keep
   */
  public static ConfigException conflictingKeys(String key, String envVar, String other, String otherEnvVar,
                                                String advice) {
    return new ConfigException(ConfigErrorType.CONFLICTING_KEYS, key,
      "config keys " + named(key, envVar) + " and " + named(other, otherEnvVar) + " are both set: " + advice);
  }

  /** The file holds a key, or a whole section, that Courier does not know. */
  public static ConfigException unknownKey(String key) {
    return unknownKeys(Collections.singletonMap(key, null));
  }

  /**
   * The file holds keys or sections Courier does not know: all of them, in file order, each with the known key it
   * probably meant ({@code null} when none is close).
   */
  public static ConfigException unknownKeys(Map<String, String> unknownToNearest) {
    return unknown(unknownToNearest, "'", "config key ", " is unknown", "config keys ", " are unknown");
  }

  /** The environment holds {@code COURIER_*} variables that name no setting: all of them, each with its likely one. */
  public static ConfigException unknownEnv(Map<String, String> unknownToNearest) {
    return unknown(unknownToNearest, "", "environment variable ", " is not a Courier setting",
      "environment variables ", " are not Courier settings");
  }

  /** One line for unknown names: a single one with its suggestion at the end, or all of them, each with its own. */
  private static ConfigException unknown(Map<String, String> unknownToNearest, String quote, String one,
                                         String isUnknown, String many, String areUnknown) {
    String first = unknownToNearest.keySet().iterator().next();
    if (unknownToNearest.size() == 1) {
      return new ConfigException(ConfigErrorType.UNKNOWN_KEY, first,
        one + quote + first + quote + isUnknown + didYouMean(unknownToNearest.get(first), quote));
    }
    StringBuilder names = new StringBuilder();
    unknownToNearest.forEach((name, nearest) -> names.append(names.length() == 0 ? "" : ", ")
      .append(quote).append(name).append(quote).append(didYouMean(nearest, quote)));
    return new ConfigException(ConfigErrorType.UNKNOWN_KEY, first, many + names + areUnknown);
  }

  private static String didYouMean(String nearest, String quote) {
    return nearest == null ? "" : " (did you mean " + quote + nearest + quote + "?)";
  }

  /** The file spells a key flat ({@code "http.port": 80}) where Courier reads only nested objects. */
  public static ConfigException dottedName(String key) {
    String[] segments = key.split("\\.");
    StringBuilder nested = new StringBuilder();
    for (String segment : segments) {
      nested.append("{\"").append(segment).append("\": ");
    }
    nested.append("...").append("}".repeat(segments.length));
    return new ConfigException(ConfigErrorType.UNKNOWN_KEY, key,
      "config key '" + key + "' is unknown: dotted names are not read, nest it as " + nested);
  }

  /** A key names a file (e.g. a PEM public key) that does not exist or cannot be read. */
  public static ConfigException keyFileNotFound(String key, String envVar, Path file) {
    return new ConfigException(ConfigErrorType.KEY_FILE_NOT_FOUND, key,
      where(key, envVar) + ": file '" + file + "' not found or not readable");
  }

  /** The config file itself does not exist. */
  public static ConfigException fileNotFound(Path file) {
    return new ConfigException(ConfigErrorType.FILE_NOT_FOUND, null, "config file '" + file + "' not found");
  }

  /** The config file exists but reading it failed. */
  public static ConfigException fileUnreadable(Path file, String reason) {
    return new ConfigException(ConfigErrorType.FILE_UNREADABLE, null,
      "config file '" + file + "' could not be read: " + reason);
  }

  /** The config file is not a JSON object; {@code reason} is short and must not quote the file's content. */
  public static ConfigException badJson(Path file, String reason) {
    return new ConfigException(ConfigErrorType.BAD_JSON, null,
      "config file '" + file + "' is not valid JSON: " + reason);
  }

  private static String named(String key, String envVar) {
    return "'" + key + "'" + (envVar == null ? "" : " (from " + envVar + ")");
  }

  private static String where(String key, String envVar) {
    return "config key '" + key + "'" + (envVar == null ? "" : " (from " + envVar + ")");
  }
}
