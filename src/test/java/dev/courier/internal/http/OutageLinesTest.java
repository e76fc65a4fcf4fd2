package dev.courier.internal.http;

import dev.courier.internal.testing.LogLines;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** One WARN line per period for requests answered 503 in an outage, saying how many were not shown. */
class OutageLinesTest {

  @Test
  void one_warn_line_per_period_with_the_count_of_those_not_shown() {
    try (LogLines logs = LogLines.capture()) {
      OutageLines lines = new OutageLines(LoggerFactory.getLogger("outage-lines-test"));
      for (int i = 0; i < 100; i++) {
        lines.warn("request failed, a dependency is down: {}", "Redis did not answer", 1_000 + i);
      }
      lines.warn("request failed, a dependency is down: {}", "Redis did not answer", 1_000 + OutageLines.EVERY_MS);
      var warns = logs.where(l -> "WARN".equals(l.getString("level"))
        && "outage-lines-test".equals(l.getString("logger")));
      assertThat(warns).hasSize(2);
      assertThat(warns.get(0).getString("msg")).isEqualTo("request failed, a dependency is down: Redis did not answer");
      assertThat(warns.get(1).getString("msg")).contains("(99 more such answer(s) in the last 10 s, at DEBUG)");
    }
  }
}
