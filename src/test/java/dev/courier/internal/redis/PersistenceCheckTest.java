package dev.courier.internal.redis;

import dev.courier.internal.testing.LogLines;
import dev.courier.internal.testing.Resp;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up warning about a Redis that keeps no append-only file, against a real Redis (and a restricted user). */
class PersistenceCheckTest {

  private static List<String> lines(LogLines logs, String level) {
    return logs.where(l -> level.equals(l.getString("level"))
      && PersistenceCheck.class.getName().equals(l.getString("logger"))).stream()
      .map(l -> l.getString("msg")).toList();
  }

  @Test
  void warns_without_aof_unless_replicas_confirm_fires_and_is_quiet_with_aof() {
    Vertx vertx = Vertx.vertx();
    try (RedisFixture redis = RedisFixture.start(); LogLines logs = LogLines.capture()) {
      Redis client = Redis.createClient(vertx, redis.url());
      assertThat(PersistenceCheck.warnIfVolatile(client, 0).await()).isFalse();
      assertThat(lines(logs, "WARN")).hasSize(1);
      assertThat(lines(logs, "WARN").get(0)).contains("appendonly no").contains("redis.ackReplicas");

      assertThat(PersistenceCheck.warnIfVolatile(client, 1).await()).isFalse();
      assertThat(lines(logs, "WARN")).as("replicas confirm each fire").hasSize(1);

      Resp.call(redis.port(), "CONFIG", "SET", "appendonly", "yes");
      assertThat(PersistenceCheck.warnIfVolatile(client, 0).await()).isTrue();
      assertThat(lines(logs, "WARN")).hasSize(1);
      client.close().await();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_redis_that_refuses_config_gets_an_info_line_not_a_failure() {
    Vertx vertx = Vertx.vertx();
    try (RedisFixture redis = RedisFixture.start(); LogLines logs = LogLines.capture()) {
      // as a managed Redis does: the user may run everything but CONFIG
      Resp.call(redis.port(), "ACL", "SETUSER", "app", "on", ">app-pass", "~*", "&*", "+@all", "-config");
      Redis client = Redis.createClient(vertx, "redis://app:app-pass@127.0.0.1:" + redis.port());
      assertThat(PersistenceCheck.warnIfVolatile(client, 0).await()).isNull();
      assertThat(lines(logs, "WARN")).isEmpty();
      assertThat(lines(logs, "INFO")).singleElement().asString().contains("cannot read Redis's persistence settings");
      client.close().await();
    } finally {
      vertx.close().await();
    }
  }
}
