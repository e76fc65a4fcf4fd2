package dev.courier.internal.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rejects {@code COURIER_*} environment variables that name no setting, as {@link UnknownKeys} does for the file: a
 * misspelt {@code COURIER_HTTP_PROT} would otherwise leave the default in place without a word.
 */
final class UnknownEnv {

  private static final String PREFIX = "COURIER_";
  /** Courier variables read outside the config: the log level, set before any config is read. */
  static final Set<String> NOT_CONFIG = Set.of("COURIER_LOG_LEVEL");

  private UnknownEnv() {
  }

  static void check(Map<String, String> env) {
    Set<String> known = new TreeSet<>(NOT_CONFIG);
    ConfigKeys.ALL.forEach(key -> {
      if (key.env() != null) {
        known.add(key.env());
      }
    });
    Map<String, String> unknown = new LinkedHashMap<>();
    new TreeSet<>(env.keySet()).forEach(name -> {
      if (name.startsWith(PREFIX) && !known.contains(name)) {
        // compared without the prefix every variable shares, or any short name would look close to another
        String nearest = NearestKey.to(name.substring(PREFIX.length()),
          known.stream().map(k -> k.substring(PREFIX.length())).toList());
        unknown.put(name, nearest == null ? null : PREFIX + nearest);
      }
    });
    if (!unknown.isEmpty()) {
      throw ConfigException.unknownEnv(unknown);
    }
  }
}
