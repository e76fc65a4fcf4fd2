package dev.courier.internal.queue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The queue's Lua scripts, one per atomic transition, read from
 * {@code courier/queue/lua/<name>-<numKeys>.lua}. A line {@code --@include <fragment>} is replaced by
 * {@code includes/<fragment>.lua}, so shared steps (burying) are written once.
 */
enum QueueScript {
  ENQUEUE("enqueue", 3),
  ENQUEUE_MANY("enqueueMany", 2),
  CLAIM("claim", 3),
  COMPLETE("complete", 1),
  RELEASE("release", 1),
  DEFER("defer", 3),
  RETRY("retry", 3),
  BURY("bury", 3),
  PROMOTE_DUE("promoteDue", 3),
  RECLAIM_EXPIRED("reclaimExpired", 1),
  PRUNE_CONSUMERS("pruneConsumers", 1),
  // an operator's moves (the admin API)
  RETRY_DEAD("retryDead", 3),
  DELETE_DEAD("deleteDead", 2),
  PURGE_DEAD("purgeDead", 1),
  PAUSE("pause", 1),
  RESUME("resume", 1);

  private static final String DIR = "courier/queue/lua/";
  private static final String INCLUDE = "--@include ";

  private final String transition;
  private final int numKeys;
  private final String source;

  QueueScript(String transition, int numKeys) {
    this.transition = transition;
    this.numKeys = numKeys;
    this.source = splice(read(DIR + transition + "-" + numKeys + ".lua"));
  }

  String transition() {
    return transition;
  }

  int numKeys() {
    return numKeys;
  }

  String source() {
    return source;
  }

  private static String splice(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      out.append(line.startsWith(INCLUDE) ? read(DIR + "includes/" + line.substring(INCLUDE.length()).trim() + ".lua")
          : line).append('\n');
    }
    return out.toString();
  }

  private static String read(String resource) {
    try (InputStream in = QueueScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw QueueException.scriptMissing(resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
