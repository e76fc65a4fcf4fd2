package dev.courier.internal.launch;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A node whose signing key differs from the one the node started before it signs with says so at start-up. */
class SigningKeyCheckTest {

  private static final String K1 = "first-signing-key-0123456789abcdefghijklmnop";
  private static final String K2 = "second-signing-key-0123456789abcdefghijklmno";
  private static final String K3 = "third-signing-key-0123456789abcdefghijklmnop";

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();
  private final Logger log = (Logger) LoggerFactory.getLogger(SigningKeyCheck.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  @BeforeEach
  void capture() {
    events.start();
    log.addAppender(events);
  }

  @AfterEach
  void release() {
    log.detachAppender(events);
  }

  @Test
  void a_node_warns_at_start_when_its_key_differs_from_the_one_the_node_before_it_signs_with() {
    String id1 = new EnvelopeSigner(K1).keyId();
    String id2 = new EnvelopeSigner(K2).keyId();
    String id3 = new EnvelopeSigner(K3).keyId();
    startAndStop(K1);
    startAndStop(K1);
    assertThat(lines(Level.WARN)).as("same key as the node before").isEmpty();

    startAndStop(K2, K1);
    assertThat(lines(Level.WARN)).hasSize(1);
    assertThat(lines(Level.WARN).get(0)).contains("key id " + id2).contains("key id " + id1).contains("also holds");

    startAndStop(K3);
    assertThat(lines(Level.WARN)).hasSize(2);
    assertThat(lines(Level.WARN).get(1)).contains("key id " + id3).contains("key id " + id2)
      .contains("does not hold");
    for (String line : lines(Level.WARN)) {
      assertThat(line).doesNotContain(K1).doesNotContain(K2).doesNotContain(K3);
    }
  }

  /** The check is not waited for by the start: this waits for its INFO line, which comes before any warning. */
  private void startAndStop(String... keys) {
    int before = lines(Level.INFO).size();
    TestNode node = TestNode.start(new WorkerOnlyService(),
      TestNode.workerConfig(url, prefix, new JsonObject(), keys), prefix);
    try {
      until(Duration.ofSeconds(5), () -> lines(Level.INFO).size() > before);
    } finally {
      node.close();
    }
  }

  private List<String> lines(Level level) {
    return List.copyOf(events.list).stream().filter(e -> e.getLevel() == level)
      .map(ILoggingEvent::getFormattedMessage).toList();
  }
}
