package dev.courier.internal.worker;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class StallGuardTest {

  private static final long MS = 1_000_000;
  private final AtomicLong nanos = new AtomicLong(1_000 * MS);
  private final StallGuard guard = new StallGuard(1_250, 4_375, nanos::get);

  @Test
  void regularQuickContactIsNoGap() {
    assertThat(contactAfter(10)).isFalse();
    nanos.addAndGet(3_000 * MS);
    assertThat(contactAfter(10)).isFalse();
  }

  @Test
  void aSlowReplyEndsAGap() {
    assertThat(contactAfter(10)).isFalse();
    assertThat(contactAfter(7_000)).as("the request sat out a 7 s stall").isTrue();
    assertThat(contactAfter(10)).isFalse();
  }

  @Test
  void aLongSilenceEndsAGapEvenWhenTheReplyIsQuick() {
    assertThat(contactAfter(10)).isFalse();
    nanos.addAndGet(9_000 * MS); // rounds failed meanwhile: Redis was unreachable
    assertThat(contactAfter(10)).isTrue();
  }

  @Test
  void theDeadlineFollowsRedisClockPlusElapsedTimeAndTolerance() {
    long at = nanos.get();
    nanos.addAndGet(300 * MS);
    assertThat(guard.deadline(50_000, at)).isEqualTo(50_000 + 300 + 1_250);
  }

  private boolean contactAfter(long replyMillis) {
    long sent = nanos.get();
    nanos.addAndGet(replyMillis * MS);
    return guard.contact(sent);
  }
}
