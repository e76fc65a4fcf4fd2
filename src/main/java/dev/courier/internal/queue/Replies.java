package dev.courier.internal.queue;

import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns raw Redis replies into queue records; accepts both RESP2 (arrays) and RESP3 (maps, push) shapes. */
final class Replies {

  /** The cursor {@code claim} answers for a queue an operator paused. */
  private static final String PAUSED_CURSOR = "paused";
  /** The cursor {@code claim} answers when the consumer group is missing, after making its completions. */
  private static final String NO_GROUP_CURSOR = "nogroup";

  private Replies() {
  }

  /** The {@code enqueueMany} reply: flat {@code [id, earlier id, earlier due at ('' = gone), ...]} of its repeats. */
  static Enqueued enqueued(Response reply) {
    if (reply == null || reply.size() == 0) {
      return Enqueued.ALL_STORED;
    }
    Map<String, Enqueued.Earlier> repeats = new HashMap<>();
    for (int i = 0; i + 2 < reply.size(); i += 3) {
      String due = reply.get(i + 2).toString();
      repeats.put(reply.get(i).toString(), new Enqueued.Earlier(reply.get(i + 1).toString(),
          due.isEmpty() ? -1 : Long.parseLong(due)));
    }
    return new Enqueued(repeats);
  }

  /**
   * A {@code claim-3} reply: {@code {cursor, k, owned1..k, b, (id, code, reason)×b, (entry, id, envelope, attempt,
   * task, subject, max_attempts)...}}; the cursor {@code paused} ends it after the completions.
   */
  static Claimed claimed(Response r) {
    List<Boolean> completed = completed(r);
    int completions = completed.size();
    String cursor = r.get(0).toString();
    if (cursor.equals(PAUSED_CURSOR)) {
      return Claimed.paused(completed);
    }
    int at = 2 + completions;
    int burials = r.get(at).toInteger();
    List<Buried> buried = new ArrayList<>(burials);
    for (int i = 0; i < burials; i++, at += 3) {
      buried.add(new Buried(r.get(at + 1).toString(), r.get(at + 2).toString(), r.get(at + 3).toString()));
    }
    int first = at + 1;
    List<Started> runs = new ArrayList<>((r.size() - first) / 7);
    for (int i = first; i + 6 < r.size(); i += 7) {
      String subject = r.get(i + 5).toString();
      runs.add(new Started(r.get(i + 1).toString(), r.get(i).toString(), r.get(i + 2).toString(),
          r.get(i + 3).toInteger(), r.get(i + 4).toString(), subject.isEmpty() ? null : subject,
          Integer.parseInt(r.get(i + 6).toString())));
    }
    return new Claimed(runs, cursor.isEmpty() ? null : cursor, completed, false, buried);
  }

  /** Whether a {@code claim-3} reply says the consumer group is missing (its completions were made all the same). */
  static boolean claimFoundNoGroup(Response r) {
    return NO_GROUP_CURSOR.equals(r.get(0).toString());
  }

  /** The completion results of a {@code claim-3} reply, in order: whether each was its delivery's to finish. */
  static List<Boolean> completed(Response r) {
    int completions = r.get(1).toInteger();
    List<Boolean> completed = new ArrayList<>(completions);
    for (int i = 0; i < completions; i++) {
      completed.add(r.get(2 + i).toLong() == 1L);
    }
    return completed;
  }

  /**
   * XREADGROUP reply: RESP3 {@code {stream: [[entryId, [field, value...]], ...]}}, RESP2
   * {@code [[stream, [[entryId, [field, value...]], ...]]]}; {@code null} after a block timeout.
   */
  static List<Claim> claims(Response reply) {
    List<Claim> claims = new ArrayList<>();
    if (reply == null) {
      return claims;
    }
    if (reply.isMap()) {
      for (String stream : reply.getKeys()) {
        addEntries(reply.get(stream), claims);
      }
    } else {
      for (Response streamAndEntries : reply) {
        addEntries(streamAndEntries.get(1), claims);
      }
    }
    return claims;
  }

  private static void addEntries(Response entries, List<Claim> claims) {
    for (Response entry : entries) {
      Response fields = entry.get(1);
      String taskId = fields == null ? null : field(fields, "id");
      if (taskId != null) {
        claims.add(new Claim(entry.get(0).toString(), taskId));
      }
    }
  }

  /** The {@code last-delivered-id} of {@code group} in an {@code XINFO GROUPS} reply, or {@code "0-0"}. */
  static String lastDelivered(Response groups, String group) {
    if (groups != null) {
      for (Response one : groups) {
        if (group.equals(field(one, "name"))) {
          String last = field(one, "last-delivered-id");
          return last == null ? "0-0" : last;
        }
      }
    }
    return "0-0";
  }

  /** The task id an {@code XRANGE <id> <id>} reply carries, or {@code null} (entry gone, or no id field). */
  static String taskIdOfEntry(Response range) {
    return range == null || range.size() == 0 ? null : taskIdOf(range.get(0));
  }

  /** The task id one stream entry {@code [entryId, [field, value...]]} carries, or {@code null}. */
  static String taskIdOf(Response entry) {
    Response fields = entry.size() < 2 ? null : entry.get(1);
    return fields == null ? null : field(fields, "id");
  }

  /** Whether stream id {@code a} comes after {@code b} (ids are {@code <ms>-<seq>}). */
  static boolean isAfter(String a, String b) {
    long[] x = streamId(a);
    long[] y = streamId(b);
    return x[0] != y[0] ? x[0] > y[0] : x[1] > y[1];
  }

  private static long[] streamId(String id) {
    int dash = id.indexOf('-');
    return dash < 0 ? new long[] {Long.parseLong(id), 0}
      : new long[] {Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))};
  }

  private static String field(Response flatOrMap, String name) {
    if (flatOrMap.isMap()) {
      Response v = flatOrMap.get(name);
      return v == null ? null : v.toString();
    }
    for (int i = 0; i + 1 < flatOrMap.size(); i += 2) {
      if (name.equals(flatOrMap.get(i).toString())) {
        return flatOrMap.get(i + 1).toString();
      }
    }
    return null;
  }

  /** A published wake message: RESP2 array or RESP3 push {@code [message, channel, dueMs]}; else {@code null}. */
  static Long wakeDue(Response msg) {
    if (msg == null || (msg.type() != ResponseType.PUSH && msg.type() != ResponseType.MULTI) || msg.size() < 3
        || !"message".equals(msg.get(0).toString())) {
      return null;
    }
    try {
      return Long.parseLong(msg.get(2).toString());
    } catch (NumberFormatException e) {
      return null; // someone else published on our channel; ignore rather than kill the subscription
    }
  }

  /** True for the {@code subscribe} confirmation push/array. */
  static boolean isSubscribed(Response msg) {
    return msg != null && msg.size() >= 1 && "subscribe".equals(msg.get(0).toString());
  }
}
