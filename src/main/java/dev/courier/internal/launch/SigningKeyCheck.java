package dev.courier.internal.launch;

import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.task.EnvelopeSigner;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up a node records the id of the key it signs task envelopes with in Redis and compares it with the one the
 * node started before it recorded: a node whose key differs says so at once, before any task of the other key reaches
 * it (or any of its tasks reaches a node without its key). Ids only; a key never leaves the node.
 */
final class SigningKeyCheck {

  private static final Logger LOG = LoggerFactory.getLogger(SigningKeyCheck.class);

  private SigningKeyCheck() {
  }

  /** Never fails: a node that cannot reach Redis yet has other ways of saying so (start-up, readiness). */
  static Future<Void> announce(Redis redis, String prefix, EnvelopeSigner signer) {
    String ours = signer.keyId();
    return RedisQueue.announceSigningKey(redis, prefix, ours).map(before -> {
      LOG.atInfo().addKeyValue("key_id", ours).addKeyValue("verifies_key_ids", signer.keyIds())
        .log("task envelopes are signed with key id {} and verified with key ids {}", ours, signer.keyIds());
      if (before == null || before.equals(ours)) {
        return null;
      }
      if (signer.holds(before)) {
        LOG.atWarn().addKeyValue("key_id", ours).addKeyValue("previous_key_id", before)
          .log("this node signs task envelopes with key id {}, the node started before it with key id {}, which this "
            + "node also holds (a key rotation under way?): nodes that do not hold key id {} leave its tasks "
            + "waiting until a node that holds it takes them", ours, before, ours);
      } else {
        LOG.atWarn().addKeyValue("key_id", ours).addKeyValue("previous_key_id", before)
          .log("this node signs task envelopes with key id {}, but the node started before it signs with key id {}, "
            + "which this node does not hold: tasks of either key wait for a node that holds it; give every node "
            + "the same tasks.signingKeys", ours, before);
      }
      return null;
    }).<Void>mapEmpty().otherwise(err -> {
      LOG.debug("the signing key id could not be recorded in Redis: {}", err.getMessage());
      return null;
    });
  }
}
