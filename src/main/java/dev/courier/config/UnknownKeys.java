package dev.courier.config;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rejects keys the table does not know, so a typo like {@code http.prot} stops the node instead of silently leaving
 * the default in place. Also checks that sections ({@code http}, {@code auth.jwt}, ...) are JSON objects.
 */
final class UnknownKeys {

  private static final Set<String> KEYS = ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.toSet());
  private static final Set<String> SECTIONS = ConfigKeys.ALL.stream()
    .flatMap(key -> sectionsOf(key.name()))
    .collect(Collectors.toSet());

  private UnknownKeys() {
  }

  static void check(JsonObject file) {
    check(file, "");
  }

  private static void check(JsonObject section, String prefix) {
    for (String field : section.fieldNames()) {
      String path = prefix + field;
      if (field.contains(".")) {
        // Otherwise "http.port" at the top level would match a known key here and then be silently ignored.
        throw ConfigException.dottedName(path);
      }
      if (KEYS.contains(path)) {
        continue; // a leaf, or the free-form service object: its type is checked by the reader
      }
      if (!SECTIONS.contains(path)) {
        throw ConfigException.unknownKey(path);
      }
      Object value = section.getValue(field);
      if (value instanceof JsonObject) {
        check((JsonObject) value, path + ".");
      } else if (value != null) {
        // Only the kind is shown: a misplaced value here may well be a secret (e.g. "auth": {"jwt": "..."}).
        throw ConfigException.badValue(path, null, "must be a JSON object (a section)", Redaction.kind(value));
      }
    }
  }

  private static Stream<String> sectionsOf(String key) {
    Stream.Builder<String> sections = Stream.builder();
    for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
      sections.add(key.substring(0, dot));
    }
    return sections.build();
  }
}
