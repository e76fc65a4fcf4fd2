package dev.courier.config;

import java.util.Collection;
import java.util.Locale;

/**
 * Finds the known key an unknown one was probably meant to be: a typo ({@code http.prot}), another case
 * ({@code http.Port}) or a name cut short ({@code auth.jwt.leeway}). Nothing when no key is close enough to help.
 */
final class NearestKey {

  private NearestKey() {
  }

  /** @return the closest of {@code known} to {@code unknown}, or null when none is close. */
  static String to(String unknown, Collection<String> known) {
    String wanted = unknown.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String lower = candidate.toLowerCase(Locale.ROOT);
      int distance = lower.startsWith(wanted) ? 1 : distance(wanted, lower); // a name cut short is close
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, wanted.length() / 4) ? best : null;
  }

  /** Levenshtein distance: the fewest one-character edits that turn {@code a} into {@code b}. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
