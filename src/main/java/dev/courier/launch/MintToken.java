package dev.courier.launch;

import dev.courier.internal.launch.NodeMain;

import dev.courier.internal.auth.TokenMinter;
import dev.courier.internal.config.ConfigException;
import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.config.CourierConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Development tool (a command line: it talks to a person on stdout and stderr, not through the log): prints a bearer token the node of {@code -conf FILE} accepts.
 * {@code java -cp target/service-fat.jar dev.courier.launch.MintToken -conf conf/config.json --sub alice
 * [--roles admin,ops] [--ttl 3600] [--private-key key.pem]} (the private key is needed for RS256/ES256).
 */
public final class MintToken {

  private MintToken() {
  }

  static final String USAGE = String.join("\n",
    "usage: java -cp service-fat.jar dev.courier.launch.MintToken [-conf FILE] [--sub SUBJECT] [--roles A,B]",
    "         [--ttl SECONDS] [--private-key PEM]",
    "Prints a bearer token (development only) that a node started with the same config accepts.",
    "  -conf FILE          the node's config (default conf/config.json); issuer, audience and key come from it",
    "  --sub SUBJECT       the token's subject (default dev-user)",
    "  --roles A,B         roles claim, comma-separated (default none)",
    "  --ttl SECONDS       lifetime (default 3600)",
    "  --private-key PEM   signing key file, required for RS256 and ES256 (HS256 uses auth.jwt.secret)",
    "  -h, --help          this help");

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(USAGE);
      return;
    }
    CourierConfig config;
    try {
      config = ConfigLoader.load(NodeMain.confPath(args), System.getenv());
    } catch (ConfigException e) {
      System.err.println("courier: " + e.getMessage());
      System.exit(2);
      return;
    }
    String subject = option(args, "--sub", "dev-user");
    String roles = option(args, "--roles", "");
    int ttl = Integer.parseInt(option(args, "--ttl", "3600"));
    String privateKey = option(args, "--private-key", null);
    String key = config.auth().algorithm().usesSecret()
      ? require(config.auth().secret().orElse(null), "config key 'auth.jwt.secret' is not set; tokens need it")
      : Files.readString(Path.of(require(privateKey, "--private-key is required for " + config.auth().algorithm())));
    JsonObject claims = new JsonObject().put("sub", subject);
    config.auth().issuer().ifPresent(iss -> claims.put("iss", iss));
    config.auth().audience().ifPresent(aud -> claims.put("aud", aud));
    if (!roles.isBlank()) {
      claims.put("roles", new JsonArray(Arrays.stream(roles.split(",")).map(String::trim).toList()));
    }
    Vertx vertx = Vertx.vertx();
    try {
      // A command-line tool's output is its token: stdout, nothing else.
      System.out.println(TokenMinter.mint(vertx, config.auth().algorithm().name(), key, claims, ttl));
    } finally {
      vertx.close();
    }
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static String require(String value, String message) {
    if (value == null) {
      System.err.println("courier: " + message);
      System.exit(2);
    }
    return value;
  }
}
