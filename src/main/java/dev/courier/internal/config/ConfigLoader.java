package dev.courier.internal.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Loads and validates a node's configuration: a JSON file whose values can each be overridden by an environment
 * variable. Validation happens here, at start-up, before anything deploys; any problem is a {@link ConfigException}
 * whose message is one line naming the key (and the variable, if the value came from one).
 *
 * <p><b>File.</b> Keys are nested objects: {@code http.port} is {@code {"http": {"port": 8080}}} (flat dotted names
 * are not accepted). A key Courier does not know, like the typo {@code http.prot}, is an error. The {@code service}
 * object is free-form and passed through to {@link CourierConfig#service()}.
 *
 * <p><b>Environment.</b> Each key is overridden by the variable named by this rule: take the dotted key, put
 * {@code _} between camelCase words, upper-case it, replace the dots with {@code _}, and prefix {@code COURIER_}.
 * <ul>
 *   <li>{@code http.port} → {@code COURIER_HTTP_PORT}</li>
 *   <li>{@code auth.jwt.leewaySeconds} → {@code COURIER_AUTH_JWT_LEEWAY_SECONDS}</li>
 *   <li>{@code http.cors.allowedOrigins} → {@code COURIER_HTTP_CORS_ALLOWED_ORIGINS}</li>
 * </ul>
 * A variable's text is parsed with the key's type: integers in decimal, booleans {@code true}/{@code false},
 * choices by name (any case), lists comma-separated (an empty variable is an empty list). It is validated exactly
 * like a file value, so {@code COURIER_HTTP_PORT=abc} fails with
 * {@code config key 'http.port' (from COURIER_HTTP_PORT): must be an integer from 0 to 65535, got "abc"}.
 * Nothing inside {@code service} can be overridden from the environment. {@link ConfigReference#markdownTable()}
 * lists every key with its variable.
 */
public final class ConfigLoader {

  /** The file used when no {@code -conf FILE} is given. */
  public static final Path DEFAULT_FILE = Path.of("conf", "config.json");

  private ConfigLoader() {
  }

  /**
   * Reads {@code file}, applies overrides from {@code env} and validates the result.
   *
   * @param env the environment, usually {@link System#getenv()}; passed in so tests control it
   * @throws ConfigException if the file is missing or not JSON, or any value is missing or wrong
   */
  public static CourierConfig load(Path file, Map<String, String> env) {
    Objects.requireNonNull(file, "'file' cannot be null");
    Objects.requireNonNull(env, "'env' cannot be null");
    return fromJson(JsonFile.read(file), env);
  }

  /**
   * Validates an already parsed config, with overrides from {@code env}; {@link #load(Path, Map)} without the file.
   *
   * @throws ConfigException if any value is missing or wrong
   */
  public static CourierConfig fromJson(JsonObject json, Map<String, String> env) {
    Objects.requireNonNull(json, "'json' cannot be null");
    Objects.requireNonNull(env, "'env' cannot be null");
    UnknownKeys.check(json);
    ConfigValues values = ConfigReader.read(json, env);
    CrossKeyRules.check(values, CrossKeyRules.verifiesTokens(values));
    return ConfigAssembler.assemble(values);
  }

  /**
   * Validates the config of a client that only fires tasks: the same keys and overrides as a node's, but no JWT key
   * is required (a client verifies no tokens) and {@code role} and {@code http.*} are read but not used.
   *
   * @throws ConfigException if any value is missing or wrong
   */
  public static CourierConfig forClient(JsonObject json, Map<String, String> env) {
    Objects.requireNonNull(json, "'json' cannot be null");
    Objects.requireNonNull(env, "'env' cannot be null");
    UnknownKeys.check(json);
    ConfigValues values = ConfigReader.read(json, env);
    CrossKeyRules.check(values, false);
    return ConfigAssembler.assemble(values);
  }
}
