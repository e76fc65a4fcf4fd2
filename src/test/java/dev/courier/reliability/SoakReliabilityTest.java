package dev.courier.reliability;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The soak at half capacity ({@link Soak}); {@code -Dsoak.minutes} long (30 under -Preliability), {@code -Dsoak.rate}
 * fixes the rate instead of measuring capacity. Nothing lost, heap after GC and Redis memory flat.
 */
@Tag("reliability")
class SoakReliabilityTest {

  @TempDir
  Path dir;

  @BeforeEach
  void needsRedisCli() {
    assumeTrue(RedisProcess.cliAvailable(), "redis-cli is not installed (RedisProcess talks to its servers with it)");
  }

  @Test
  void halfCapacityForThirtyMinutesLosesNothingAndKeepsMemoryFlat() throws Exception {
    int minutes = Integer.getInteger("soak.minutes", 30);
    Soak.Result r = Soak.run(dir, Duration.ofMinutes(minutes), Duration.ofSeconds(30),
      Integer.getInteger("soak.rate", 0));
    List<Soak.Sample> s = r.samples();
    Soak.Sample first = s.get(Math.min(2, s.size() - 1)); // after two retention periods: warm, steady
    Soak.Sample last = s.get(s.size() - 1);
    long maxHeap = s.stream().skip(s.size() / 2).mapToLong(Soak.Sample::heapMb).max().orElse(0);
    long maxRedis = s.stream().skip(s.size() / 2).mapToLong(Soak.Sample::redisMb).max().orElse(0);
    Figures.of("soak").put("minutes", minutes).put("capacity_per_s", Math.round(r.capacityPerSecond()))
      .put("rate_per_s", r.ratePerSecond()).put("accepted", r.accepted()).put("effects", r.effects())
      .put("runs", r.runs()).put("other_answers", r.otherAnswers()).put("no_answer_because", r.failures())
      .put("heap_mb_min3", first.heapMb()).put("heap_mb_last", last.heapMb()).put("heap_mb_max_2nd_half", maxHeap)
      .put("rss_mb_min3", first.rssMb()).put("rss_mb_last", last.rssMb())
      .put("redis_mb_min3", first.redisMb()).put("redis_mb_last", last.redisMb())
      .put("redis_mb_max_2nd_half", maxRedis).record();

    assertThat(r.otherAnswers()).as("answers other than 202").isEmpty();
    assertThat(r.effects()).as("tasks lost").isEqualTo(r.accepted());
    assertThat(r.runs() - r.effects()).as("re-runs").isZero();
    assertThat(maxHeap).as("heap after GC, second half, MB").isLessThanOrEqualTo(first.heapMb() * 3 / 2 + 32);
    assertThat(maxRedis).as("Redis used_memory, second half, MB").isLessThanOrEqualTo(first.redisMb() * 3 / 2 + 16);
  }
}
