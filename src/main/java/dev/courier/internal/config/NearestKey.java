package dev.courier.internal.config;

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
    return bestDistance <= Math.max(1, wanted.length() / 6) ? best : null;
  }

  /**
   * Edit distance with transpositions (optimal string alignment): the fewest one-character insertions, deletions,
   * substitutions or swaps of neighbours that turn {@code a} into {@code b}; {@code prot} to {@code port} is one.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
