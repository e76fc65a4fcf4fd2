package dev.courier.internal.queue;

import java.util.Objects;
import dev.courier.internal.config.QueueNames;

import java.util.regex.Pattern;

/**
 * Builds every Redis key of one queue; no other class spells a key name. All keys of a queue share the Cluster
 * hash tag {@code {<queue>}}, so every multi-key script touches a single slot.
 */
public final class QueueKeys {

  public static final String DEFAULT_PREFIX = "courier";
  // No braces (they would move the hash tag), no whitespace, no wildcard characters.
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
  private static final String GROUP = "courier";

  private final String queue;
  private final String base;

  public QueueKeys(String prefix, String queue) {
    Objects.requireNonNull(prefix, "'prefix' cannot be null");
    Objects.requireNonNull(queue, "'queue' cannot be null");
    if (!QueueNames.isQueueName(queue)) {
      throw new IllegalArgumentException("invalid queue name '" + queue + "': use " + QueueNames.RULE);
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("invalid key prefix '" + prefix + "': use [A-Za-z0-9_.:-]{1,128}");
    }
    this.queue = queue;
    this.base = prefix + ":{" + queue + "}:";
  }

  /** Keys under the default prefix {@value #DEFAULT_PREFIX}. */
  public QueueKeys(String queue) {
    this(DEFAULT_PREFIX, queue);
  }

  public String queue() {
    return queue;
  }

  /**
   * STRING: the id of the key the node started last under {@code prefix} signs task envelopes with; not a queue's key,
   * so it has no hash tag (it is only read and written alone).
   */
  public static String signingKeyId(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("invalid key prefix '" + prefix + "': use [A-Za-z0-9_.:-]{1,128}");
    }
    return prefix + ":signing-key-id";
  }

  /** STREAM: one entry per runnable delivery, single field {@code id=<taskId>}; consumer group {@link #group()}. */
  public String ready() {
    return base + "ready";
  }

  /** ZSET: taskId -> due time (epoch ms), for delayed fires. */
  public String delayed() {
    return base + "delayed";
  }

  /** ZSET: taskId -> due time (epoch ms) of the next attempt, for tasks whose last attempt failed. */
  public String retrying() {
    return base + "retrying";
  }

  /** ZSET: taskId -> buried at (epoch ms). */
  public String dead() {
    return base + "dead";
  }

  /** HASH: the task's envelope, lifecycle fields and result (see {@link StatusFields}). */
  public String task(String id) {
    Objects.requireNonNull(id, "'id' cannot be null");
    return taskPrefix() + id;
  }

  /** Prefix of every task HASH; scripts that discover ids at run time append the id to it (same hash tag). */
  public String taskPrefix() {
    return base + "task:";
  }

  /**
   * STRING: the id of the first task fired with idempotency key {@code key} by {@code subject} (null: none) for task
   * {@code task}; it expires some time after that task is due. Task name and subject are length-prefixed, so no
   * choice of a key (which the caller picks) can reach another task's or another subject's name.
   */
  public String idempotency(String task, String subject, String key) {
    Objects.requireNonNull(task, "'task' cannot be null");
    Objects.requireNonNull(key, "'key' cannot be null");
    String who = subject == null ? "" : subject;
    return base + "key:" + task.length() + ":" + task + ":" + who.length() + ":" + who + ":" + key;
  }

  /**
   * STRING: the queue's epoch, a random id set when its group is first made. A node that saw one epoch and later
   * finds none, or another, knows Redis lost the queue's data (restarted empty, failed over to a stale replica).
   */
  public String marker() {
    return base + "marker";
  }

  /** HASH: exists while an operator has the queue paused: who paused it ({@code by}) and when ({@code at}, ms). */
  public String paused() {
    return base + "paused";
  }

  /** Pub/sub channel: message = due time (epoch ms) of a task just put into {@link #delayed()}. */
  public String wakeChannel() {
    return base + "wake";
  }

  /** Consumer group on {@link #ready()}. */
  public String group() {
    return GROUP;
  }

  @Override
  public String toString() {
    return "QueueKeys[" + base + "]";
  }
}
