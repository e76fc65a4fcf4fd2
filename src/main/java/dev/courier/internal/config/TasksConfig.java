package dev.courier.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Background task settings ({@code tasks.*}). {@link #toString()} never shows the signing key.
 *
 * @param signingKeys HMAC keys of task envelopes: the first signs, every one verifies (never empty)
 * @param workers worker verticle instances per node
 * @param concurrency most tasks running at once on this node
 * @param queues queues this node's workers consume; never empty
 * @param prefix prefix of every Redis key
 * @param shutdownGraceSeconds how long shutdown waits for running tasks
 * @param retentionSeconds how long finished and dead tasks are kept
 * @param maxPayloadBytes largest task arguments (as JSON) accepted per call
 * @param leaseSeconds lease on a claimed task
 * @param defaultMaxAttempts attempts before a task is dead, unless the task says otherwise
 * @param defaultTimeoutSeconds time limit of one attempt, unless the task says otherwise
 * @param backoffBaseMillis first retry delay
 * @param backoffMaxMillis longest retry delay; at least {@code backoffBaseMillis}
 * @param queueWeights how often a queue is asked first for work relative to the others; unlisted queues weigh 1
 * @param maxResultBytes largest task result (as JSON) stored with its status
 * @param logOutcomes whether each finished attempt writes a line (succeeded, retrying, dead)
 * @param unknownTaskGraceSeconds how long a task named by no registered task waits, from its due time, for a node
 *                                that knows it before it is dead
 * @param carryClaims the JWT claims a task envelope carries (those the caller's token has)
 */
public record TasksConfig(List<String> signingKeys, int workers, int concurrency, List<String> queues, String prefix,
                          int shutdownGraceSeconds, long retentionSeconds, int maxPayloadBytes, int leaseSeconds,
                          int defaultMaxAttempts, int defaultTimeoutSeconds, long backoffBaseMillis,
                          long backoffMaxMillis, Map<String, Integer> queueWeights, int maxResultBytes,
                          boolean logOutcomes, int unknownTaskGraceSeconds, List<String> carryClaims) {

  public TasksConfig {
    Objects.requireNonNull(signingKeys, "'signingKeys' cannot be null");
    signingKeys = List.copyOf(signingKeys);
    if (signingKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is needed");
    }
    Objects.requireNonNull(prefix, "'prefix' cannot be null");
    queues = List.copyOf(queues);
    queueWeights = Map.copyOf(queueWeights);
    carryClaims = List.copyOf(carryClaims);
  }

  /** @return the key that signs new envelopes: the first of {@link #signingKeys()}. */
  public String signingKey() {
    return signingKeys.get(0);
  }

  /** @return the weight of {@code queue}: its {@code tasks.queueWeights} entry, else 1. */
  public int weightOf(String queue) {
    return queueWeights.getOrDefault(queue, 1);
  }

  /** {@link #shutdownGraceSeconds()} as a duration. */
  public Duration shutdownGrace() {
    return Duration.ofSeconds(shutdownGraceSeconds);
  }

  /** {@link #leaseSeconds()} as a duration. */
  public Duration lease() {
    return Duration.ofSeconds(leaseSeconds);
  }

  @Override
  public String toString() {
    return "TasksConfig[signingKeys=" + Redaction.HIDDEN + " (" + signingKeys.size() + ")" + ", workers=" + workers + ", concurrency=" + concurrency
      + ", queues=" + queues + ", prefix=" + prefix + ", shutdownGraceSeconds=" + shutdownGraceSeconds
      + ", retentionSeconds=" + retentionSeconds + ", maxPayloadBytes=" + maxPayloadBytes
      + ", leaseSeconds=" + leaseSeconds + ", defaultMaxAttempts=" + defaultMaxAttempts
      + ", defaultTimeoutSeconds=" + defaultTimeoutSeconds + ", backoffBaseMillis=" + backoffBaseMillis
      + ", backoffMaxMillis=" + backoffMaxMillis + ", queueWeights=" + queueWeights
      + ", maxResultBytes=" + maxResultBytes + ", logOutcomes=" + logOutcomes + ", unknownTaskGraceSeconds=" + unknownTaskGraceSeconds
      + ", carryClaims=" + carryClaims + "]";
  }
}
