package dev.courier.internal.config;

/**
 * What kind of configuration problem a {@link ConfigException} reports, so callers can branch without parsing
 * the message.
 */
public enum ConfigErrorType {
  /** The config file does not exist. */
  FILE_NOT_FOUND,
  /** The config file exists but could not be read. */
  FILE_UNREADABLE,
  /** The config file is not a JSON object. */
  BAD_JSON,
  /** A key the node needs has no value. */
  MISSING_KEY,
  /** A key is only required because of another key's value, and has none. */
  REQUIRED_WHEN,
  /** A key has a value of the wrong type or outside its allowed range. */
  BAD_VALUE,
  /** The file holds a key Courier does not know (often a typo). */
  UNKNOWN_KEY,
  /** A key names a file that does not exist or cannot be read. */
  KEY_FILE_NOT_FOUND,
  /** Two keys that say the same thing in two ways are both set. */
  CONFLICTING_KEYS
}
