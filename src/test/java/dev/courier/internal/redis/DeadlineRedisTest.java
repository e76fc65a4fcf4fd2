package dev.courier.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.internal.config.RedisConfig;
import dev.courier.internal.config.RedisType;
import dev.courier.internal.testing.BlackholeProxy;
import dev.courier.internal.testing.Eventually;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The clients {@link RedisClients} makes, against a real Redis behind a proxy whose old connections go silent (a
 * replaced host): a call past its deadline fails, and its socket and the other silent ones never serve again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class DeadlineRedisTest {

  private static final int DEADLINE_MS = 500;

  private final Vertx vertx = Vertx.vertx();
  private RedisFixture redis;
  private BlackholeProxy proxy;
  private Redis client;

  @BeforeAll
  void startRedis() {
    redis = RedisFixture.start();
  }

  @AfterAll
  void stopRedis() {
    vertx.close().await();
    redis.close();
  }

  @BeforeEach
  void connect() {
    proxy = BlackholeProxy.to(redis.host(), redis.port());
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close().await();
    }
    proxy.close();
  }

  private Redis client(int poolSize) {
    RedisConfig config = new RedisConfig(proxy.url(), RedisType.STANDALONE, List.of(proxy.url()), "mymaster",
      poolSize, 64, 0, 1000, 0, false, DEADLINE_MS);
    client = RedisClients.create(vertx, config, "deadline-test", new RedisHealth());
    return client;
  }

  private static Throwable failureOf(Future<?> call) {
    return call.transform(ar -> Future.succeededFuture(ar.cause())).await();
  }

  @Test
  void a_call_past_its_deadline_fails_and_the_pool_of_one_hands_out_a_new_connection() {
    Redis redis = client(1);
    redis.send(Request.cmd(Command.PING)).await();
    proxy.replaceHost();

    Throwable timeout = failureOf(redis.send(Request.cmd(Command.PING)));
    assertThat(timeout).isInstanceOf(RedisTimeoutException.class).hasMessageContaining("ping")
      .hasMessageContaining(DEADLINE_MS + " ms");
    assertThat(RedisFailures.isUnavailable(timeout)).isTrue();
    // had the dead socket gone back to the pool, this would time out too: the pool holds one
    assertThat(redis.send(Request.cmd(Command.PING)).await().toString()).isEqualTo("PONG");
  }

  @Test
  void after_one_timeout_the_other_silent_pooled_sockets_are_dropped_unused() {
    Redis redis = client(4);
    List<Future<?>> warm = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      // four at once, each holding its socket 100 ms: four sockets in the pool
      warm.add(redis.send(Request.cmd(Command.BLPOP).arg("deadline-test-" + System.nanoTime()).arg("0.1")));
    }
    Future.all(warm).await();
    proxy.replaceHost();

    assertThat(failureOf(redis.send(Request.cmd(Command.PING)))).isInstanceOf(RedisTimeoutException.class);
    for (int i = 0; i < 4; i++) {
      assertThat(redis.send(Request.cmd(Command.PING)).await().toString()).as("call %s after the timeout", i)
        .isEqualTo("PONG");
    }
  }

  @Test
  void a_blocking_read_gets_its_block_time_on_top_of_the_deadline() {
    RedisConnection conn = client(1).connect().await();
    Request read = Request.cmd(Command.XREAD).arg("BLOCK").arg(3 * DEADLINE_MS).arg("STREAMS")
      .arg("deadline-test-" + System.nanoTime()).arg("$");
    assertThat(conn.send(read).await()).as("nothing arrived: a null reply, not a timeout").isNull();
    conn.close();
  }

  @Test
  void a_silent_subscription_ends_within_two_deadlines() {
    RedisConnection conn = client(1).connect().await();
    AtomicBoolean ended = new AtomicBoolean();
    conn.handler(msg -> { });
    conn.endHandler(v -> ended.set(true));
    conn.send(Request.cmd(Command.SUBSCRIBE).arg("deadline-test")).await();
    proxy.replaceHost();
    Eventually.until(Duration.ofSeconds(10), ended::get);
  }

  @Test
  void a_connection_closed_with_a_read_pending_is_dropped_not_pooled() {
    Redis redis = client(1);
    RedisConnection conn = redis.connect().await();
    Future<?> read = conn.send(Request.cmd(Command.XREAD).arg("BLOCK").arg(10_000).arg("STREAMS")
      .arg("deadline-test-" + System.nanoTime()).arg("$"));
    conn.close();
    assertThat(failureOf(read)).as("the read ends with its socket").isNotNull();
    // the pool's one socket would still owe the read's reply (10 s away) before this one
    assertThat(redis.send(Request.cmd(Command.PING)).await().toString()).isEqualTo("PONG");
  }
}
