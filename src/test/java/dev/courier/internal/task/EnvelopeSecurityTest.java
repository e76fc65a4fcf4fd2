package dev.courier.internal.task;

import dev.courier.internal.testing.TaskTestService;
import dev.courier.task.AsyncTask;

import dev.courier.internal.testing.Eventually;
import com.github.f4b6a3.ulid.UlidCreator;
import dev.courier.internal.queue.NewTask;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.task.TaskState;
import dev.courier.task.TaskStatus;
import dev.courier.internal.task.EnvelopeSigner.EnvelopeRejected;
import dev.courier.internal.task.EnvelopeSigner.UnknownSigningKey;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever is written into Redis by hand, a worker runs only envelopes this node signed for that very task. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvelopeSecurityTest {

  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  public static final class Recorder {
    @AsyncTask(maxAttempts = 1)
    public void record(String runId) {
      RUNS.computeIfAbsent(runId, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private TestNode app;
  private QueueKeys keys;
  private RedisAPI redis;

  @BeforeAll
  void start() {
    // no grace for unknown task names here: UnknownTaskGraceTest covers the wait, this class the burial
    app = TestNode.start(new TaskTestService(new Recorder()), RedisFixture.shared().url(),
      new JsonObject().put("role", "all").put("tasks", new JsonObject().put("unknownTaskGraceSeconds", 0)));
    keys = new QueueKeys(app.prefix, "default");
    redis = RedisAPI.api(app.node.redis());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** Fires a task due in an hour, so it sits in {@code delayed} while the test rewrites its hash. */
  private String parked(String runId) {
    String id = app.node.tasks().task("record").delay(Duration.ofHours(1)).fire(runId).await().taskId();
    assertThat(TaskTestService.status(app, id).state()).isEqualTo(TaskState.DELAYED);
    return id;
  }

  private String envelopeOf(String id) {
    return redis.hget(keys.task(id), "envelope").await().toString();
  }

  private void setEnvelope(String id, String envelope) {
    redis.hset(List.of(keys.task(id), "envelope", envelope)).await();
  }

  private void makeDue(String id) {
    redis.zadd(List.of(keys.delayed(), "0", id)).await();
    redis.publish(keys.wakeChannel(), "0").await();
  }

  private void assertBuried(String id, String runId, String reason) {
    TaskStatus dead = Eventually.until(Duration.ofSeconds(10), () -> TaskTestService.status(app, id),
      s -> s != null && s.state() == TaskState.DEAD);
    assertThat(dead.lastError()).containsIgnoringCase(reason);
    assertThat(dead.finishedAt()).isNotNull();
    assertThat(redis.zscore(keys.dead(), id).await()).as("in the dead set").isNotNull();
    if (runId != null) {
      assertThat(RUNS).doesNotContainKey(runId);
    }
  }

  @Test
  void a_tampered_envelope_is_buried_for_its_signature_and_never_runs() {
    String runId = "tamper-" + System.nanoTime();
    String id = parked(runId);
    char[] chars = envelopeOf(id).toCharArray();
    chars[10] = chars[10] == 'A' ? 'B' : 'A';
    setEnvelope(id, new String(chars));
    makeDue(id);
    assertBuried(id, runId, "signature");
  }

  @Test
  void an_unsigned_envelope_is_buried() {
    String runId = "unsigned-" + System.nanoTime();
    String id = parked(runId);
    String sealed = envelopeOf(id);
    setEnvelope(id, sealed.substring(0, sealed.indexOf('.')));
    makeDue(id);
    assertBuried(id, runId, "unsigned");
  }

  @Test
  void an_envelope_signed_with_a_key_this_node_does_not_hold_is_left_for_another_node_never_buried() {
    String runId = "otherkey-" + System.nanoTime();
    String id = parked(runId);
    Envelope genuine = new EnvelopeSigner(TestNode.SIGNING_KEY).open(envelopeOf(id));
    EnvelopeSigner foreign = new EnvelopeSigner("another-key-0123456789abcdefghijklmnopqrstuvwxyz");
    setEnvelope(id, foreign.seal(genuine));
    makeDue(id);
    TaskStatus waiting = Eventually.until(Duration.ofSeconds(10), () -> TaskTestService.status(app, id),
      s -> s != null && s.state() == TaskState.DELAYED && s.lastError() != null);
    assertThat(waiting.lastError()).contains("key id " + foreign.keyId()).doesNotContain("another-key");
    assertThat(waiting.attempts()).as("not an attempt").isZero();
    assertThat(redis.zscore(keys.dead(), id).await()).as("in the dead set").isNull();
    assertThat(RUNS).doesNotContainKey(runId);
  }

  @Test
  void a_key_id_swapped_for_one_this_node_holds_is_buried_for_its_signature() {
    String runId = "swapkey-" + System.nanoTime();
    String id = parked(runId);
    Envelope genuine = new EnvelopeSigner(TestNode.SIGNING_KEY).open(envelopeOf(id));
    String forged = new EnvelopeSigner("another-key-0123456789abcdefghijklmnopqrstuvwxyz").seal(genuine);
    String ownKeyId = new EnvelopeSigner(TestNode.SIGNING_KEY).keyId();
    setEnvelope(id, ownKeyId + forged.substring(forged.indexOf('.')));
    makeDue(id);
    assertBuried(id, runId, "signature");
  }

  @Test
  void a_validly_signed_envelope_for_an_unknown_task_is_buried() {
    String id = UlidCreator.getMonotonicUlid().toString();
    long now = System.currentTimeMillis();
    Envelope envelope = new Envelope(id, "noSuchTask", "default", new JsonArray().add("x"), null, null, now, now, 1,
      1, 5_000, null);
    String sealed = new EnvelopeSigner(TestNode.SIGNING_KEY).seal(envelope);
    assertThat(TaskTestService.queue(app).enqueue(new NewTask(id, "noSuchTask", null, sealed, now, now, 1), now)
      .await()).isTrue();
    assertBuried(id, null, "unknown task 'noSuchTask'");
  }

  @Test
  void a_stream_entry_without_a_task_hash_is_buried_as_unknown_id() {
    String id = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    redis.xadd(List.of(keys.ready(), "*", "id", id)).await();
    assertBuried(id, null, "unknown task id");
  }

  @Test
  void envelopes_swapped_between_two_tasks_are_both_buried() {
    String runA = "swapA-" + System.nanoTime();
    String runB = "swapB-" + System.nanoTime();
    String a = parked(runA);
    String b = parked(runB);
    String envelopeA = envelopeOf(a);
    setEnvelope(a, envelopeOf(b));
    setEnvelope(b, envelopeA);
    makeDue(a);
    makeDue(b);
    assertBuried(a, runA, "found under task " + a);
    assertBuried(b, runB, "found under task " + b);
    assertThat(RUNS).doesNotContainKeys(runA, runB);
  }

  @Test
  void an_untouched_parked_task_runs_when_made_due() {
    String runId = "control-" + System.nanoTime();
    String id = parked(runId);
    makeDue(id);
    Eventually.until(Duration.ofSeconds(10), () -> TaskTestService.status(app, id).state(), s -> s == TaskState.SUCCEEDED);
    assertThat(RUNS.get(runId)).hasValue(1);
  }

  @Test
  void the_signer_opens_what_it_sealed_and_says_why_it_refuses_the_rest() throws Exception {
    EnvelopeSigner signer = new EnvelopeSigner(TestNode.SIGNING_KEY);
    Envelope envelope = new Envelope("01ARZ3NDEKTSV4RRFFQ69G5FAV", "record", "default", new JsonArray().add("x"),
      new JsonObject().put("sub", "alice"), "req-1", 1L, 2L, 1, 3, 1000, EnvelopeJsonTest.TRACEPARENT);
    String sealed = signer.seal(envelope);
    assertThat(signer.open(sealed)).isEqualTo(envelope);

    assertRejected(signer, null, "empty envelope");
    assertRejected(signer, "", "empty envelope");
    assertRejected(signer, sealed.substring(0, sealed.indexOf('.')), "unsigned envelope");
    assertRejected(signer, sealed.substring(0, sealed.indexOf('.') + 1), "unsigned envelope");
    assertRejected(signer, "!!!." + sealed.substring(sealed.indexOf('.') + 1), "undecodable envelope");
    assertThatThrownBy(() -> new EnvelopeSigner("another-key").open(sealed)).isInstanceOf(UnknownSigningKey.class)
      .hasMessage("signed with key id " + signer.keyId() + ", which this node does not hold (tasks.signingKeys)");
    assertRejected(signer, signedBody("not json"), "undecodable envelope");
    assertRejected(signer, signedBody("{\"v\":2,\"id\":\"x\",\"task\":\"t\",\"queue\":\"q\"}"), "version");
    assertRejected(signer, signedBody("{\"v\":1,\"task\":\"t\",\"queue\":\"q\"}"), "'id'");
  }

  private static void assertRejected(EnvelopeSigner signer, String sealed, String reason) {
    assertThatThrownBy(() -> signer.open(sealed)).isInstanceOf(EnvelopeRejected.class).hasMessageContaining(reason);
  }

  private static String signedBody(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestNode.SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    return enc.encodeToString(bytes) + "." + enc.encodeToString(mac.doFinal(bytes));
  }
}
