package dev.courier.internal.config;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The shapes of string values: Redis and collector URLs, CORS origins, queue names and key prefixes. */
final class Formats {

  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
  // Braces are refused because the queue name is put inside a Redis Cluster hash tag: courier:{<queue>}:pending.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");

  private Formats() {
  }

  static boolean redisUrl(String url) {
    return (url.startsWith("redis://") && url.length() > "redis://".length())
      || (url.startsWith("rediss://") && url.length() > "rediss://".length());
  }

  static boolean redisUrls(List<String> urls) {
    return urls.stream().allMatch(Formats::redisUrl);
  }

  /** An absolute http or https URL with a host, such as an OpenTelemetry collector's. */
  static boolean httpUrl(String url) {
    try {
      java.net.URI uri = new java.net.URI(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** Either exactly {@code ["*"]} or scheme://host[:port] origins, as browsers send them (no path, no slash). */
  static boolean origins(List<String> origins) {
    if (origins.contains("*")) {
      return origins.size() == 1;
    }
    return origins.stream().allMatch(o -> ORIGIN.matcher(o).matches());
  }

  static boolean name(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Signing keys: at least one, each of 32+ characters (as {@code tasks.signingKey}), none twice. A key's id is a hash
   * of the key, so two equal keys would also be one id.
   */
  static boolean signingKeys(List<String> keys) {
    return !keys.isEmpty() && keys.stream().allMatch(k -> k.length() >= 32) && keys.stream().distinct().count()
      == keys.size();
  }

  /** Claims roles are read from: at least one, non-blank, no spaces (a dotted name is a path into nested claims). */
  static boolean rolesClaims(List<String> names) {
    return !names.isEmpty() && names.stream().allMatch(n -> !n.isBlank() && n.chars().noneMatch(Character::isWhitespace));
  }

  /** Claims an envelope carries: any number (sub and roles travel anyway), each non-blank and short, none twice. */
  static boolean claimNames(List<String> names) {
    return names.stream().allMatch(n -> !n.isBlank() && n.length() <= 100) && Set.copyOf(names).size() == names.size();
  }

  /** Queue names follow the queue layer's own rule, so a name the config accepts is one the queues accept. */
  static boolean names(List<String> names) {
    return !names.isEmpty() && names.stream().allMatch(QueueNames::isQueueName);
  }
}
