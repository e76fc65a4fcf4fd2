package dev.courier.internal.auth;

import dev.courier.context.Principal;

import dev.courier.api.ApiException;
import dev.courier.internal.testing.MutableClock;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of verified tokens behind {@link TokenAuthenticator}: a repeated token skips verification, but expiry
 * still applies to it, other tokens are verified, and failures are never remembered.
 */
@Timeout(30)
class VerifiedTokensTest {

  private static final int LEEWAY = 5;

  private final MutableClock clock = new MutableClock();
  private final AtomicInteger verifications = new AtomicInteger();
  private Vertx vertx;
  private HttpServer server;
  private WebClient client;
  private VerifiedTokens cache;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    JWTAuth jwt = JwtVerifier.create(vertx, "HS256", TestNode.SECRET, TestNode.ISSUER, TestNode.AUDIENCE, LEEWAY);
    // counts what reaches vertx-auth-jwt, so a test can tell a cache hit from a verification
    JWTAuth counting = new JWTAuthCounting(jwt, verifications);
    cache = new VerifiedTokens(clock, LEEWAY);
    Router router = Router.router(vertx);
    router.get("/me").handler(new OperationGuard(new TokenAuthenticator(counting, cache, RolesClaim.DEFAULT),
      new AccessRule(java.util.List.of(java.util.Set.of()), false), null)).handler(ctx -> {
      Principal principal = RequestCall.principal(ctx);
      principal.claims().put("touched", true); // a handler changing its caller's claims, for its request only
      ctx.json(new JsonObject().put("subject", principal.subject()).put("claims", principal.claims()));
    });
    router.route().failureHandler(ctx -> ctx.response()
      .setStatusCode(ctx.failure() instanceof ApiException api ? api.status() : 500)
      .end(String.valueOf(ctx.failure().getMessage())));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
      .setDefaultPort(server.actualPort()));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private HttpResponse<Buffer> me(String token) {
    return client.get("/me").putHeader("Authorization", "Bearer " + token).send().await();
  }

  private String token(String subject, long expEpochSeconds) {
    return Tokens.hs256(vertx, Tokens.claims(subject).put("exp", expEpochSeconds));
  }

  private long nowSeconds() {
    return clock.millis() / 1000;
  }

  @Test
  void a_repeated_token_is_verified_once_and_each_request_gets_its_own_claims() {
    String token = token("alice", nowSeconds() + 300);
    HttpResponse<Buffer> first = me(token);
    HttpResponse<Buffer> second = me(token);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
    assertThat(second.bodyAsJsonObject().getString("subject")).isEqualTo("alice");
    assertThat(verifications).hasValue(1);
    assertThat(cache.size()).isEqualTo(1);
    // the first handler's change to its claims did not reach the cached principal
    assertThat(cache.find(token)).isInstanceOfSatisfying(VerifiedTokens.Hit.class,
      hit -> assertThat(hit.principal().claims().containsKey("touched")).isFalse());
  }

  @Test
  void a_cached_token_is_refused_once_it_expires_with_the_same_leeway() {
    long exp = nowSeconds() + 10;
    String token = token("alice", exp);
    assertThat(me(token).statusCode()).isEqualTo(200);
    // past exp but inside the leeway, as vertx-auth-jwt would still accept it (the clock keeps running meanwhile)
    clock.advance(Duration.ofMillis((exp + LEEWAY - 3) * 1000 - clock.millis()));
    assertThat(me(token).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(3)); // now - leeway >= exp: expired
    HttpResponse<Buffer> expired = me(token);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.bodyAsString()).isEqualTo("the bearer token has expired");
    assertThat(verifications).as("the expiry was decided by the cache, on its clock").hasValue(1);
    assertThat(cache.size()).isZero();
  }

  @Test
  void another_token_is_verified_even_for_the_same_caller() {
    assertThat(me(token("alice", nowSeconds() + 300)).statusCode()).isEqualTo(200);
    assertThat(me(token("alice", nowSeconds() + 301)).statusCode()).isEqualTo(200);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void a_token_differing_in_one_signature_character_is_verified_and_refused() {
    String token = token("alice", nowSeconds() + 300);
    assertThat(me(token).statusCode()).isEqualTo(200);
    // a character inside the signature (the last one also carries padding bits, which decoders ignore)
    int at = token.length() - 10;
    String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    assertThat(me(tampered).statusCode()).isEqualTo(401);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void failures_are_not_cached() {
    String expired = token("alice", nowSeconds() - 60);
    String wrongIssuer = Tokens.hs256(vertx, Tokens.claims("alice").put("iss", "evil"));
    for (int i = 0; i < 3; i++) {
      assertThat(me(expired).statusCode()).isEqualTo(401);
      assertThat(me(wrongIssuer).statusCode()).isEqualTo(401);
    }
    assertThat(verifications).hasValue(6);
    assertThat(cache.size()).isZero();
  }

  @Test
  void an_entry_is_verified_again_after_a_minute() {
    String token = token("alice", nowSeconds() + 3600);
    assertThat(me(token).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMillis(VerifiedTokens.RECHECK_MILLIS));
    assertThat(me(token).statusCode()).isEqualTo(200);
    assertThat(verifications).hasValue(2);
  }

  @Test
  void the_cache_never_holds_more_than_its_bound() {
    Principal alice = new Principal("alice", java.util.Set.of(), new JsonObject().put("exp", nowSeconds() + 300));
    for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 10; i++) {
      cache.remember("token-" + i, alice);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(VerifiedTokens.MAX_ENTRIES);
    assertThat(cache.find("token-" + (VerifiedTokens.MAX_ENTRIES + 9))).isInstanceOf(VerifiedTokens.Hit.class);
  }

  @Test
  void a_token_whose_exp_is_not_a_whole_number_is_not_cached() {
    cache.remember("odd", new Principal("alice", java.util.Set.of(), new JsonObject().put("exp", "tomorrow")));
    assertThat(cache.find("odd")).isInstanceOf(VerifiedTokens.Unknown.class);
  }

  /** Delegates to the real verifier and counts the calls. */
  private record JWTAuthCounting(JWTAuth delegate, AtomicInteger calls) implements JWTAuth {

    @Override
    public io.vertx.core.Future<io.vertx.ext.auth.User> authenticate(io.vertx.ext.auth.authentication.Credentials c) {
      calls.incrementAndGet();
      return delegate.authenticate(c);
    }

    @Override
    public String generateToken(JsonObject claims, io.vertx.ext.auth.JWTOptions options) {
      return delegate.generateToken(claims, options);
    }

    @Override
    public String generateToken(JsonObject claims) {
      return delegate.generateToken(claims);
    }
  }
}
