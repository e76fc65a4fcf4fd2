package dev.courier.reliability;

import dev.courier.internal.config.ConfigLoader;
import dev.courier.internal.testing.TestNode;
import dev.courier.internal.testing.Tokens;
import dev.courier.testkit.RedisFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile HTTP corpus against a running node in its own JVM, logging at DEBUG: smuggling and framing tricks,
 * header and URI floods, huge, deep and invalid JSON, forged and broken tokens, and a flood of idle and half-sent
 * connections (closed by the node after {@code http.idleTimeoutSeconds}). No answer may be a 5xx or carry a stack trace, nothing forged may get in, the node must stay alive and
 * serving, and neither the JWT secret, the signing key nor any token may appear in its log.
 */
class HostileHttpReliabilityTest {

  private static final int IDLE_CONNECTIONS = 400;
  private static final int IDLE_TIMEOUT_SECONDS = 2;

  @TempDir
  Path dir;

  @Test
  void hostileInputsGetFourHundredsAndLeakNothing() throws Exception {
    Vertx vertx = Vertx.vertx();
    KeyPair attacker = Tokens.rsa();
    String valid = Tokens.bearer(vertx, "alice");
    String prefix = RedisFixture.uniquePrefix();
    try (ChildNode node = ChildNode.start(dir, "hostile", RedisFixture.shared().url(), prefix,
      new JsonObject().put("role", "api").put("http", new JsonObject().put("idleTimeoutSeconds", IDLE_TIMEOUT_SECONDS)),
      List.of("-Xmx256m"), Map.of("COURIER_LOG_LEVEL", "DEBUG"))) {
      Map<String, RawHttp.Answer> answers = new LinkedHashMap<>();
      HostileCorpus.framing(valid).forEach((name, bytes) -> answers.put(name, RawHttp.exchange(node.port, bytes, 3_000)));
      HostileCorpus.bodies(valid).forEach((name, bytes) -> answers.put(name, RawHttp.exchange(node.port, bytes, 5_000)));
      Map<String, String> forged = JwtAttacks.againstHs256(attacker);
      forged.forEach((name, header) -> answers.put("JWT " + name, RawHttp.exchange(node.port, HostileCorpus.json(
        header, "{\"to\":\"a\"}".getBytes(StandardCharsets.UTF_8)), 5_000)));
      int idleClosed = idleFlood(node.port, valid);
      String log = node.jvm.stdout() + node.jvm.stderr();

      Map<Integer, Integer> byStatus = new TreeMap<>();
      answers.values().forEach(a -> byStatus.merge(a.status(), 1, Integer::sum));
      Figures.of("hostile-http").put("inputs", answers.size()).put("jwt_attacks", forged.size())
        .put("idle_connections", IDLE_CONNECTIONS).put("idle_closed_by_node", idleClosed)
        .put("answers_by_status", byStatus).record();
      answers.forEach((name, a) -> System.out.println("hostile " + a.status() + " x" + a.responses() + " " + name
        + (a.responses() > 1 ? "\n" + a.text() : "")));

      assertThat(answers).allSatisfy((name, a) -> {
        assertThat(a.status()).as(name).isLessThan(500);
        assertThat(a.text()).as(name).doesNotContain("Exception").doesNotContain("\tat ");
      });
      forged.keySet().forEach(name -> assertThat(answers.get("JWT " + name).status()).as(name).isIn(400, 401, 403,
        431, RawHttp.CLOSED));
      assertThat(answers.get("CL.TE conflict, smuggled GET").responses()).as("smuggled request served").isLessThan(2);
      assertThat(idleClosed).as("idle connections closed by the node").isEqualTo(IDLE_CONNECTIONS);
      assertThat(node.jvm.process.isAlive()).isTrue();
      assertThat(RawHttp.exchange(node.port, HostileCorpus.json(valid, "{\"to\":\"a\"}".getBytes()), 10_000).status())
        .as("a valid request after the corpus").isEqualTo(202);
      assertNoSecretIn(log, valid, forged);
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void algorithmConfusionAgainstAnRs256NodeGetsFourOhOne() throws Exception {
    KeyPair pair = Tokens.rsa();
    Path publicKey = Files.writeString(dir.resolve("public.pem"), Tokens.publicPem(pair));
    JsonObject config = TestNode.config(RedisFixture.shared().url(), RedisFixture.uniquePrefix(),
      new JsonObject().put("role", "api").put("auth", new JsonObject().put("jwt", new JsonObject()
        .put("algorithm", "RS256").put("publicKeyFile", publicKey.toString()))));
    config.getJsonObject("auth").getJsonObject("jwt").remove("secret");
    try (TestNode node = TestNode.start(new OutboxTaskService(), ConfigLoader.fromJson(config, Map.of()),
      RedisFixture.uniquePrefix())) {
      JwtAttacks.againstRs256(Tokens.publicPem(pair)).forEach((name, header) -> assertThat(RawHttp.exchange(
        node.node.httpPort(), HostileCorpus.json(header, "{\"to\":\"a\"}".getBytes()), 5_000).status())
        .as(name).isEqualTo(401));
    }
  }

  /**
   * Opens idle and half-sent connections, checks the node still serves meanwhile; returns how many it had closed
   * by 10 s past its idle timeout.
   */
  private static int idleFlood(int port, String valid) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < IDLE_CONNECTIONS; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        if (i % 2 == 1) {
          s.getOutputStream().write("POST /v1/emails HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes());
        }
        sockets.add(s);
      }
      assertThat(RawHttp.exchange(port, HostileCorpus.json(valid, "{\"to\":\"a\"}".getBytes()), 10_000).status())
        .as("a valid request during the idle flood").isEqualTo(202);
      long deadline = System.currentTimeMillis() + (IDLE_TIMEOUT_SECONDS + 10) * 1000L;
      int closed = 0;
      for (Socket s : sockets) {
        s.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
        try {
          closed += s.getInputStream().read() == -1 ? 1 : 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
          // the node keeps it open
        } catch (java.io.IOException reset) {
          closed++;
        }
      }
      return closed;
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private static void assertNoSecretIn(String log, String valid, Map<String, String> forged) {
    assertThat(log).as("node log").isNotEmpty();
    assertThat(log).as("JWT secret in the log").doesNotContain(TestNode.SECRET);
    assertThat(log).as("signing key in the log").doesNotContain(TestNode.SIGNING_KEY);
    assertThat(log).as("valid token in the log").doesNotContain(valid.substring("Bearer ".length()));
    forged.forEach((name, header) -> {
      String[] parts = header.split("\\.");
      String signature = parts.length == 3 ? parts[2] : "";
      if (signature.length() >= 20) {
        assertThat(log).as("signature of the forged token '" + name + "' in the log").doesNotContain(signature);
      }
    });
  }
}
