package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  /** Throws for the first misplaced value, else for every unknown key at once, each with the known key it resembles. */
  static void check(JsonObject file) {
    List<String> unknown = new ArrayList<>();
    check(file, "", unknown);
    if (!unknown.isEmpty()) {
      Set<String> known = new TreeSet<>(KEYS);
      known.addAll(SECTIONS);
      Map<String, String> suggestions = new LinkedHashMap<>();
      unknown.forEach(key -> suggestions.put(key, NearestKey.to(key, known)));
      throw ConfigException.unknownKeys(suggestions);
    }
  }

  private static void check(JsonObject section, String prefix, List<String> unknown) {
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
        unknown.add(path);
        continue;
      }
      Object value = section.getValue(field);
      if (value instanceof JsonObject) {
        check((JsonObject) value, path + ".", unknown);
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
