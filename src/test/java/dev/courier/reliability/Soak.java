package dev.courier.reliability;

import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak: one node (role all, child JVM, {@code -Xmx512m}, WARN logs) on its own redis-server. First its capacity is
 * measured (fires as fast as 256 connections go, for {@code calibrate}; capacity = tasks run per second), then it is
 * held at half that rate for {@code length}, sampling every minute the node's heap after a full GC, its RSS, Redis's
 * {@code used_memory} and the backlog. Retention (and the outbox's expiry) is 60 s, so Redis memory must stop growing
 * after a few minutes. Samples go to {@code target/reliability-soak.csv}.
 */
public final class Soak {

  static final int RETENTION_SECONDS = 60;

  /** One minute's sample. */
  public record Sample(int minute, long heapMb, long rssMb, long redisMb, long accepted, long effects, String load) {
    String csv() {
      return minute + "," + heapMb + "," + rssMb + "," + redisMb + "," + accepted + "," + effects + ","
        + load.replace('/', ' ');
    }
  }

  /** What a soak measured (after the capacity phase). */
  public record Result(double capacityPerSecond, int ratePerSecond, List<Sample> samples, long accepted,
                       long effects, long runs, Map<Integer, Integer> otherAnswers, Map<String, Integer> failures) {
  }

  private Soak() {
  }

  public static Result run(Path dir, Duration length, Duration calibrate, int fixedRate) throws Exception {
    String prefix = RedisFixture.uniquePrefix();
    try (RedisProcess redis = RedisProcess.start(dir.resolve("redis"));
         ChildNode node = ChildNode.start(dir, "soak", redis.url(), prefix, new JsonObject().put("role", "all")
             .put("tasks", new JsonObject().put("retentionSeconds", RETENTION_SECONDS))
             .put("service", new JsonObject().put("effectTtlSeconds", RETENTION_SECONDS)),
           List.of("-Xmx512m"), Map.of("COURIER_LOG_LEVEL", "WARN"))) {
      double capacity = calibrate.isZero() ? 0 : capacity(redis, node, prefix, calibrate);
      int rate = fixedRate > 0 ? fixedRate : (int) Math.max(10, capacity / 2);
      long base = counter(redis, OutboxTaskService.effectsKey(prefix));
      long baseRuns = counter(redis, OutboxTaskService.runsKey(prefix));
      Path csv = Path.of("target", "reliability-soak.csv");
      Files.createDirectories(csv.getParent());
      Files.writeString(csv, "minute,heap_after_gc_mb,rss_mb,redis_used_mb,accepted,effects,loadavg\n");
      List<Sample> samples = new ArrayList<>();
      try (HttpFireLoad load = new HttpFireLoad(node.port, rate, 256, false).start()) {
        long start = System.nanoTime();
        for (int minute = 1; minute <= length.toMinutes(); minute++) {
          long wake = start + Duration.ofMinutes(minute).toNanos();
          Thread.sleep(Math.max(0, (wake - System.nanoTime()) / 1_000_000));
          Sample s = sample(minute, node, redis, load.acceptedCount(),
            counter(redis, OutboxTaskService.effectsKey(prefix)) - base);
          samples.add(s);
          Files.writeString(csv, s.csv() + "\n", StandardOpenOption.APPEND);
          System.out.println("soak " + s);
        }
        load.stop();
        long accepted = load.acceptedCount();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (counter(redis, OutboxTaskService.effectsKey(prefix)) - base < accepted
          && System.nanoTime() < deadline) {
          Thread.sleep(500);
        }
        long effects = counter(redis, OutboxTaskService.effectsKey(prefix)) - base;
        return new Result(capacity, rate, samples, accepted, effects,
          counter(redis, OutboxTaskService.runsKey(prefix)) - baseRuns, load.others(), load.failures());
      }
    }
  }

  /** Tasks run per second while fires come as fast as they can; the backlog is drained before it returns. */
  private static double capacity(RedisProcess redis, ChildNode node, String prefix, Duration length)
    throws Exception {
    String effects = OutboxTaskService.effectsKey(prefix);
    try (HttpFireLoad load = new HttpFireLoad(node.port, 100_000, 256, false).start()) {
      Thread.sleep(length.toMillis() / 3); // warm-up
      long e0 = counter(redis, effects);
      long t0 = System.nanoTime();
      Thread.sleep(length.toMillis() * 2 / 3);
      double perSecond = (counter(redis, effects) - e0) * 1e9 / (System.nanoTime() - t0);
      load.stop();
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (counter(redis, effects) < load.acceptedCount() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      System.out.println("soak capacity: " + Math.round(perSecond) + " tasks/s (" + load.acceptedCount()
        + " fired in " + length.toSeconds() + " s)");
      return perSecond;
    }
  }

  private static Sample sample(int minute, ChildNode node, RedisProcess redis, long accepted, long effects) {
    return new Sample(minute, node.heapAfterGcMb(), node.rssMb(), redis.info("used_memory") / (1024 * 1024),
      accepted, effects, Figures.loadAverage());
  }

  static long counter(RedisProcess redis, String key) {
    String value = redis.cli("GET", key).trim();
    return value.isEmpty() ? 0 : Long.parseLong(value);
  }

  /** {@code Soak <minutes> [rate]}: the soak as a command, outside JUnit (a rate given skips the capacity phase). */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("courier-soak-");
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Result r = run(dir, Duration.ofMinutes(Long.parseLong(args[0])), rate > 0 ? Duration.ZERO : Duration.ofSeconds(30),
      rate);
    System.out.println(r);
  }
}
