package dev.courier.internal.queue;

/**
 * How many replicas must confirm a fire before it succeeds ({@code redis.ackReplicas}), and how long to wait for them
 * ({@code redis.ackTimeoutMs}). With 0 a fire succeeds once the master holds it, and a failover may lose it.
 */
public record ReplicaAck(int replicas, int timeoutMs) {

  /** Answer once the master holds the task. */
  public static final ReplicaAck NONE = new ReplicaAck(0, 0);

  public ReplicaAck {
    if (replicas < 0 || timeoutMs < 0) {
      throw new IllegalArgumentException("replicas and timeout cannot be negative: " + replicas + ", " + timeoutMs);
    }
  }

  public boolean waits() {
    return replicas > 0;
  }
}
