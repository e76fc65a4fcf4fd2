package dev.courier.internal.config;

/** Renders the config table as documentation, so the README reference cannot drift from what the loader reads. */
public final class ConfigReference {

  private ConfigReference() {
  }

  /**
   * A Markdown table with one row per key: {@code | key | env | type | default | meaning |}.
   */
  public static String markdownTable() {
    StringBuilder table = new StringBuilder("| key | env | type | default | meaning |\n|---|---|---|---|---|\n");
    for (ConfigKey key : ConfigKeys.ALL) {
      table.append("| ").append(code(key.name()))
        .append(" | ").append(key.env() == null ? "(none)" : code(key.env()))
        .append(" | ").append(cell(key.type().describe() + (key.isSecret() ? " (secret)" : "")))
        .append(" | ").append(defaultText(key))
        .append(" | ").append(cell(key.description()))
        .append(" |\n");
    }
    return table.toString();
  }

  /** The environment variable that overrides {@code key}, by the rule documented on {@link ConfigLoader}. */
  public static String envName(String key) {
    return EnvNames.of(key);
  }

  private static String defaultText(ConfigKey key) {
    if (key.isRequired()) {
      return "**required**";
    }
    return key.defaultValue() == null ? "" : code(key.type().render(key.defaultValue()));
  }

  private static String code(String text) {
    return "`" + text + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
