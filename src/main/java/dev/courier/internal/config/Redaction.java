package dev.courier.internal.config;

import io.vertx.core.json.JsonArray;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** Renders values for messages and toString() without secrets: secret keys become ***, URL passwords too. */
final class Redaction {

  static final String HIDDEN = "***";

  private Redaction() {
  }

  /** A value as it may appear after "got" in a message about {@code key}. */
  static String show(ConfigKey key, Object raw) {
    if (key.isSecret()) {
      // The length helps with "must be at least 32 characters" without revealing anything usable.
      return raw instanceof String ? HIDDEN + " (" + ((String) raw).length() + " characters)" : HIDDEN;
    }
    if (raw instanceof String) {
      return "\"" + url((String) raw) + "\"";
    }
    if (raw instanceof JsonArray) {
      return StreamSupport.stream(((JsonArray) raw).spliterator(), false)
        .map(item -> item instanceof String ? "\"" + url((String) item) + "\"" : String.valueOf(item))
        .collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(raw);
  }

  /** The JSON kind of a value, for messages that must not show the value itself. */
  static String kind(Object raw) {
    if (raw instanceof String) {
      return "a string";
    }
    if (raw instanceof Number) {
      return "a number";
    }
    if (raw instanceof Boolean) {
      return "a boolean";
    }
    return raw instanceof JsonArray ? "an array" : "an object";
  }

  /**
   * Masks the password of a URL such as {@code redis://user:pass@host}: {@code redis://user:***@host}. Without a
   * colon the whole user-info is masked, since {@code redis://pass@host} is also read as a password.
   */
  static String url(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    String userInfo = url.substring(scheme + 3, at);
    int colon = userInfo.indexOf(':');
    String kept = colon < 0 ? "" : userInfo.substring(0, colon + 1);
    return url.substring(0, scheme + 3) + kept + HIDDEN + url.substring(at);
  }
}
