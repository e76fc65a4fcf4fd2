package dev.courier.example.signup;

import dev.courier.api.ModelMapper;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Each owner's outbox is one Redis hash keyed by task id. {@code HSETNX} makes "sending" idempotent: a task run twice
 * (at-least-once delivery after a worker crash) still leaves one e-mail.
 */
final class OutboxStore {

  private final RedisAPI redis;
  private final String prefix;

  OutboxStore(Redis redis, String prefix) {
    this.redis = RedisAPI.api(redis);
    this.prefix = prefix;
  }

  Future<Void> append(String owner, OutboxEmail email) {
    return redis.hsetnx(key(owner), email.taskId(), ModelMapper.write(email)).mapEmpty();
  }

  Future<List<OutboxEmail>> list(String owner) {
    return redis.hvals(key(owner)).map(values -> {
      List<OutboxEmail> emails = new ArrayList<>();
      for (Response value : values) {
        emails.add(ModelMapper.read(value.toString(), OutboxEmail.class));
      }
      emails.sort(Comparator.comparing(OutboxEmail::sentAt).thenComparing(OutboxEmail::taskId));
      return emails;
    });
  }

  private String key(String owner) {
    return prefix + ":outbox:{" + owner + "}";
  }
}
