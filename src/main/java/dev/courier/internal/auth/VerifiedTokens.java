package dev.courier.internal.auth;

import dev.courier.context.Principal;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers bearer tokens that verified, so a client sending the same token again skips the signature and the JSON
 * parse: a cache of successes keyed by the exact token string, shared by the node's event loops.
 *
 * <p>Why this is safe:
 * <ul>
 *   <li>The key is the whole token, signature included. A hit means these exact bytes passed the full check before,
 *       with the node's one key and options, which never change while the node runs. Changing one byte of a token
 *       misses, so nothing can be forged through the cache.</li>
 *   <li>Courier's tokens are stateless: there is no revocation list to consult, so the answer for the same bytes
 *       can only change with time. The time checks of vertx-auth-jwt are kept. A token counts as expired once
 *       {@code now - leeway >= exp} (in whole seconds, like {@code User.expired}), and a hit past that instant is
 *       refused without a fresh check. {@code nbf} and {@code iat} checks, once passed, stay passed as time moves
 *       on.</li>
 *   <li>An entry lives at most {@link #RECHECK_MILLIS}. After that the token is verified again from scratch, so any
 *       other check that could change its mind (a certificate chain's dates, a future revocation list) is at most one
 *       minute stale.</li>
 *   <li>Failures are never stored. A bad token cannot fill the cache or poison it, and a token that is not valid yet
 *       is checked again on every request until it is.</li>
 *   <li>It holds at most {@link #MAX_ENTRIES} tokens. Only tokens signed with the node's key can get in, so its size
 *       is the number of distinct callers of the last minute; when full, expired entries go, then everything does.</li>
 * </ul>
 * It stores the {@link Principal} built from the claims; each hit returns a fresh copy, so a handler that changes its
 * caller's claims changes them for its own request only, as before.
 */
final class VerifiedTokens {

  static final int MAX_ENTRIES = 10_000;
  static final long RECHECK_MILLIS = 60_000;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;
  private final long leewaySeconds;

  VerifiedTokens(Clock clock, int leewaySeconds) {
    this.clock = clock;
    this.leewaySeconds = leewaySeconds;
  }

  /** What the cache knows about a token. */
  sealed interface Lookup permits Hit, Expired, Unknown {
  }

  /** Verified before and still good: a copy of its principal. */
  record Hit(Principal principal) implements Lookup {
  }

  /** Verified before, but its {@code exp} (plus leeway) has passed since. */
  record Expired() implements Lookup {
  }

  /** Not known (or known too long ago): verify it. */
  record Unknown() implements Lookup {
  }

  private record Entry(Principal principal, long expiresAtMillis, long recheckAtMillis) {
  }

  Lookup find(String token) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return new Unknown();
    }
    long now = clock.millis();
    if (now >= entry.expiresAtMillis) {
      entries.remove(token, entry);
      return new Expired();
    }
    if (now >= entry.recheckAtMillis) {
      entries.remove(token, entry);
      return new Unknown();
    }
    Principal p = entry.principal;
    return new Hit(new Principal(p.subject(), p.roles(), p.claims()));
  }

  /** Stores a token that has just passed every check; {@code principal} was built from its claims. */
  void remember(String token, Principal principal) {
    long now = clock.millis();
    Object exp = principal.claims().getValue("exp");
    long expiresAt;
    if (exp == null) {
      expiresAt = Long.MAX_VALUE; // vertx-auth-jwt accepts a token without exp, so the recheck bound alone applies
    } else if (exp instanceof Number number && number.doubleValue() == number.longValue()) {
      // User.expired: expired once floor(now / 1000) - leeway >= exp, that is once now >= (exp + leeway) * 1000
      long last = number.longValue() + leewaySeconds;
      expiresAt = last >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : last * 1000L;
    } else {
      return; // an exp we cannot read the way vertx-auth-jwt does: do not guess, verify every time
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.values().removeIf(e -> now >= e.expiresAtMillis || now >= e.recheckAtMillis);
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
    }
    entries.put(token, new Entry(principal, expiresAt, now + RECHECK_MILLIS));
  }

  /** @return how many tokens are held (visible for tests) */
  int size() {
    return entries.size();
  }
}
