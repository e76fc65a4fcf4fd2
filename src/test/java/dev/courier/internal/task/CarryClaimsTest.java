package dev.courier.internal.task;

import static dev.courier.internal.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.context.CallContext;
import dev.courier.context.Principal;
import dev.courier.internal.queue.QueueKeys;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.WorkerOnlyService;
import dev.courier.launch.Courier;
import dev.courier.launch.CourierClient;
import dev.courier.task.AsyncTask;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An envelope lies in Redis for the whole retention, so it carries only the claims {@code tasks.carryClaims} lists
 * (by default sub, roles, scope, iss, aud and tenant): an e-mail claim of the caller's token is not stored, and the
 * task still sees the caller's subject and roles. Configured otherwise, it carries what is listed.
 */
@Timeout(120)
class CarryClaimsTest {

  static final Map<String, Principal> SEEN = new ConcurrentHashMap<>();

  public static final class Recorder {
    @AsyncTask
    public void seeCaller(String key) {
      SEEN.put(key, CallContext.current().principal());
    }
  }

  private static final JsonObject TOKEN_CLAIMS = new JsonObject().put("sub", "alice").put("iss", "issuer")
    .put("aud", "api").put("roles", new JsonArray().add("user")).put("tenant", "acme")
    .put("email", "alice@example.org").put("name", "Alice Liddell");

  @Test
  void by_default_an_envelope_carries_identity_claims_and_no_pii_and_the_task_still_sees_subject_and_roles() {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    CourierClient client = Courier.client(TestNode.clientConfig(url, prefix));
    try (TestNode worker = TestNode.start(new WorkerOnlyService(new Recorder()), TestNode.workerConfig(url, prefix),
      prefix)) {
      String id = client.tasks().onBehalfOf(alice()).call(Recorder::seeCaller).fire("default").await().taskId();

      JsonObject stored = storedPrincipal(worker, prefix, id);
      assertThat(stored.getJsonObject("claims").fieldNames())
        .containsExactlyInAnyOrder("sub", "iss", "aud", "roles", "tenant");
      assertThat(stored.encode()).doesNotContain("alice@example.org").doesNotContain("Liddell");

      Principal seen = until(Duration.ofSeconds(20), () -> SEEN.get("default"), p -> p != null);
      assertThat(seen.subject()).isEqualTo("alice");
      assertThat(seen.roles()).containsExactly("user");
      assertThat(seen.claims().getString("tenant")).isEqualTo("acme");
      assertThat(seen.claims().containsKey("email")).isFalse();
    } finally {
      client.close().await();
    }
  }

  @Test
  void the_list_is_configurable() {
    String url = RedisFixture.shared().url();
    String prefix = RedisFixture.uniquePrefix();
    JsonObject config = TestNode.clientConfig(url, prefix);
    config.getJsonObject("tasks").put("carryClaims", new JsonArray().add("sub").add("email"));
    CourierClient client = Courier.client(config);
    try (TestNode worker = TestNode.start(new WorkerOnlyService(new Recorder()), TestNode.workerConfig(url, prefix),
      prefix)) {
      String id = client.tasks().onBehalfOf(alice()).call(Recorder::seeCaller).fire("configured").await().taskId();

      JsonObject stored = storedPrincipal(worker, prefix, id);
      assertThat(stored.getJsonObject("claims").fieldNames()).containsExactlyInAnyOrder("sub", "email");
      Principal seen = until(Duration.ofSeconds(20), () -> SEEN.get("configured"), p -> p != null);
      assertThat(seen.roles()).as("roles travel apart from the claims").containsExactly("user");
      assertThat(seen.claims().getString("email")).isEqualTo("alice@example.org");
    } finally {
      client.close().await();
    }
  }

  private static Principal alice() {
    return new Principal("alice", Set.of("user"), TOKEN_CLAIMS);
  }

  /** The principal in the envelope as Redis holds it (its JSON, read past the signature). */
  private static JsonObject storedPrincipal(TestNode node, String prefix, String id) {
    String sealed = node.node.redis().send(Request.cmd(Command.HGET).arg(new QueueKeys(prefix, "default").task(id))
      .arg("envelope")).await().toString();
    String body = sealed.split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8))
      .getJsonObject("principal");
  }
}
