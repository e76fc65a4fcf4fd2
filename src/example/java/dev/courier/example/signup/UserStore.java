package dev.courier.example.signup;

import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.api.ApiException;
import dev.courier.api.ModelMapper;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Users in Redis as JSON, through the service's model mapping. One {@code MSETNX} writes the user and claims its
 * e-mail together, so two sign-ups racing for one address cannot both win. Keys share one hash tag (Cluster-safe).
 */
final class UserStore {

  private final RedisAPI redis;
  private final String prefix;
  private final Clock clock;

  UserStore(Redis redis, String prefix, Clock clock) {
    this.redis = RedisAPI.api(redis);
    this.prefix = prefix + ":{users}:";
    this.clock = clock;
  }

  Future<User> create(SignupRequest request) {
    String email = request.email().trim().toLowerCase(Locale.ROOT);
    User user = new User(UlidCreator.getMonotonicUlid().toString(), email, request.name().trim(),
      Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    return redis.msetnx(List.of(emailKey(email), user.userId(), userKey(user.userId()), ModelMapper.write(user)))
      .compose(set -> set.toInteger() == 1
        ? Future.succeededFuture(user)
        : Future.failedFuture(ApiException.conflict("a user with this e-mail already exists")));
  }

  Future<User> find(String userId) {
    return redis.get(userKey(userId))
      .compose(json -> json == null
        ? Future.failedFuture(ApiException.notFound("no user '" + userId + "'"))
        : Future.succeededFuture(ModelMapper.read(json.toString(), User.class)));
  }

  private String userKey(String userId) {
    return prefix + "user:" + userId;
  }

  private String emailKey(String email) {
    return prefix + "email:" + email;
  }
}
