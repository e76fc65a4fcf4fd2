package dev.courier.internal.queue;

import dev.courier.task.TaskState;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An operator's view of one queue and the moves an operator may make on it (the admin API): its sizes and pause flag,
 * its tasks by state a page at a time, one task's record; retry or delete a dead task, purge the dead set, pause and
 * resume. Every move is one atomic script; the reads change nothing. Non-blocking, like {@link RedisQueue}.
 */
public final class QueueAdmin {

  /** Most tasks a page holds. */
  public static final int MAX_PAGE = 200;
  private static final int PURGE_STEP = 500;

  private final Redis redis;
  private final QueueKeys keys;
  private final QueueScripts scripts;
  private final RedisQueue queue;

  QueueAdmin(Redis redis, QueueKeys keys, QueueScripts scripts, RedisQueue queue) {
    this.redis = redis;
    this.keys = keys;
    this.scripts = scripts;
    this.queue = queue;
  }

  /** @return the queue's name */
  public String queue() {
    return keys.queue();
  }

  /** Sizes by state and the pause flag (two round trips at once; not an atomic snapshot). */
  public Future<QueueOverview> overview() {
    Future<QueueCounts> counts = queue.counts();
    Future<Response> pause = redis.send(Request.cmd(Command.HMGET).arg(keys.paused()).arg("by").arg("at"));
    return Future.all(counts, pause).map(both -> {
      Response flag = pause.result();
      String by = flag == null || flag.get(0) == null ? null : flag.get(0).toString();
      String at = flag == null || flag.get(1) == null ? null : flag.get(1).toString();
      return new QueueOverview(keys.queue(), counts.result(), by != null || at != null, by, StatusFields.time(at));
    });
  }

  /**
   * One page of the tasks in {@code state}: {@code queued} in stream order (the next to run first), {@code running}
   * in lease order, {@code delayed} and {@code retrying} by due time, {@code dead} the latest buried first.
   *
   * @param cursor {@code null} for the first page, else a page's {@link TaskPage#nextCursor()}
   * @param limit  1 to {@value #MAX_PAGE}
   * @throws IllegalArgumentException for a state no container holds (succeeded, unknown) or a bad cursor or limit
   */
  public Future<TaskPage> page(TaskState state, String cursor, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be from 1 to " + MAX_PAGE + ", not " + limit);
    }
    return switch (state) {
      case DELAYED -> sortedPage(keys.delayed(), false, offset(cursor), limit);
      case RETRYING -> sortedPage(keys.retrying(), false, offset(cursor), limit);
      case DEAD -> sortedPage(keys.dead(), true, offset(cursor), limit);
      case QUEUED -> queuedPage(entryId(cursor), limit);
      case RUNNING -> runningPage(entryId(cursor), limit);
      default -> throw new IllegalArgumentException("no queue holds " + state.wireName() + " tasks: list one of "
        + "queued, running, delayed, retrying, dead");
    };
  }

  /** One task's record with its sealed envelope, or {@code null} when the queue has no such task. */
  public Future<TaskRecord> record(String taskId) {
    Objects.requireNonNull(taskId, "'taskId' cannot be null");
    return redis.send(TaskRecords.read(keys.task(taskId), true)).compose(values -> {
      TaskRecord found = TaskRecords.record(taskId, keys.queue(), values);
      String entry = TaskRecords.entry(values);
      if (found == null || found.status().state() != TaskState.RUNNING || entry == null) {
        return Future.succeededFuture(found);
      }
      return redis.send(pending(entry, entry, 1)).map(rows -> rows == null || rows.size() == 0 ? found
        : found.heldBy(rows.get(0).get(1).toString()));
    }).recover(err -> TaskRecords.isWrongType(err)
      ? Future.succeededFuture(TaskRecords.notAHash(taskId, keys.queue())) : Future.failedFuture(err));
  }

  /**
   * Retries a dead task now: a new delivery, its attempts back to 0 (max attempts as the envelope says), who retried
   * it and when recorded.
   */
  public Future<OperatorOutcome> retryDead(String taskId, String who, long nowMs) {
    return scripts.run(QueueScript.RETRY_DEAD, List.of(keys.ready(), keys.dead(), keys.task(taskId)),
      List.of(taskId, Long.toString(nowMs), who)).map(r -> OperatorOutcome.of(r.toLong()));
  }

  /** Deletes one dead task (its id and its hash); a task in any other state is left alone ({@code NOT_DEAD}). */
  public Future<OperatorOutcome> deleteDead(String taskId) {
    return scripts.run(QueueScript.DELETE_DEAD, List.of(keys.dead(), keys.task(taskId)), List.of(taskId))
      .map(r -> OperatorOutcome.of(r.toLong()));
  }

  /** Deletes every task buried up to {@code nowMs}, in bounded steps; the future holds how many. */
  public Future<Long> purgeDead(long nowMs) {
    return purgeStep(nowMs, 0);
  }

  private Future<Long> purgeStep(long nowMs, long sofar) {
    return scripts.run(QueueScript.PURGE_DEAD, List.of(keys.dead()),
        List.of(keys.taskPrefix(), Long.toString(nowMs), Integer.toString(PURGE_STEP)))
      .compose(r -> {
        long total = sofar + r.get(0).toLong();
        return r.get(1).toLong() == 1 ? purgeStep(nowMs, total) : Future.succeededFuture(total);
      });
  }

  /** Pauses the queue on every node; false if it already was. */
  public Future<Boolean> pause(String who, long nowMs) {
    return scripts.run(QueueScript.PAUSE, List.of(keys.paused()), List.of(who, Long.toString(nowMs)))
      .map(r -> r.toLong() == 1L);
  }

  /** Resumes a paused queue; false if it was not paused. */
  public Future<Boolean> resume() {
    return scripts.run(QueueScript.RESUME, List.of(keys.paused()), List.of()).map(r -> r.toLong() == 1L);
  }

  private Future<TaskPage> sortedPage(String zset, boolean latestFirst, long offset, int limit) {
    Request range = Request.cmd(latestFirst ? Command.ZREVRANGE : Command.ZRANGE).arg(zset).arg(offset)
      .arg(offset + limit); // one more than the page: whether another page follows
    return redis.send(range).compose(ids -> {
      List<String> page = new ArrayList<>();
      for (int i = 0; i < Math.min(limit, ids.size()); i++) {
        page.add(ids.get(i).toString());
      }
      String next = ids.size() > limit ? Long.toString(offset + limit) : null;
      return records(page, List.of()).map(tasks -> new TaskPage(tasks, next));
    });
  }

  /** Entries after the group's last-delivered id are the ones nobody has claimed yet. */
  private Future<TaskPage> queuedPage(String after, int limit) {
    return redis.send(Request.cmd(Command.XINFO).arg("GROUPS").arg(keys.ready())).compose(groups -> {
      String delivered = Replies.lastDelivered(groups, keys.group());
      String from = after != null && Replies.isAfter(after, delivered) ? after : delivered;
      return redis.send(Request.cmd(Command.XRANGE).arg(keys.ready()).arg("(" + from).arg("+").arg("COUNT")
        .arg(limit + 1));
    }).compose(entries -> {
      List<String> ids = new ArrayList<>();
      String last = null;
      for (int i = 0; i < Math.min(limit, entries.size()); i++) {
        last = entries.get(i).get(0).toString();
        String id = Replies.taskIdOf(entries.get(i));
        ids.add(id == null ? "" : id);
      }
      String next = entries.size() > limit ? last : null;
      return records(ids, List.of()).map(tasks -> new TaskPage(tasks, next));
    }).recover(err -> isMissingStream(err) ? Future.succeededFuture(new TaskPage(List.of(), null))
      : Future.failedFuture(err));
  }

  /** The group's pending entries are the leases of running tasks; the entry says which task each one is. */
  private Future<TaskPage> runningPage(String after, int limit) {
    return redis.send(pending(after == null ? "-" : "(" + after, "+", limit + 1)).compose(rows -> {
      List<Request> entries = new ArrayList<>();
      List<String> holders = new ArrayList<>();
      String last = null;
      for (int i = 0; rows != null && i < Math.min(limit, rows.size()); i++) {
        last = rows.get(i).get(0).toString();
        entries.add(Request.cmd(Command.XRANGE).arg(keys.ready()).arg(last).arg(last));
        holders.add(rows.get(i).get(1).toString());
      }
      String next = rows != null && rows.size() > limit ? last : null;
      if (entries.isEmpty()) {
        return Future.succeededFuture(new TaskPage(List.of(), null));
      }
      return redis.batch(entries).compose(found -> {
        List<String> ids = new ArrayList<>();
        found.forEach(range -> {
          String id = Replies.taskIdOfEntry(range);
          ids.add(id == null ? "" : id);
        });
        return records(ids, holders).map(tasks -> new TaskPage(tasks, next));
      });
    }).recover(err -> isMissingStream(err) ? Future.succeededFuture(new TaskPage(List.of(), null))
      : Future.failedFuture(err));
  }

  private Request pending(String from, String to, int count) {
    return Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group()).arg(from).arg(to).arg(count);
  }

  /** The records of {@code ids} in order, in one round trip; {@code holders}, if given, are their lease holders. */
  private Future<List<TaskRecord>> records(List<String> ids, List<String> holders) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Request> reads = new ArrayList<>(ids.size());
    ids.forEach(id -> reads.add(TaskRecords.read(keys.task(id), false)));
    return redis.batch(reads).map(values -> {
      List<TaskRecord> out = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        TaskRecord one = TaskRecords.record(ids.get(i), keys.queue(), values.get(i));
        one = one == null ? TaskRecords.gone(ids.get(i), keys.queue()) : one;
        out.add(holders.isEmpty() ? one : one.heldBy(holders.get(i)));
      }
      return out;
    });
  }

  private static long offset(String cursor) {
    if (cursor == null) {
      return 0;
    }
    if (!cursor.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException("this cursor is not one of this list's: '" + cursor + "'");
    }
    return Long.parseLong(cursor);
  }

  private static String entryId(String cursor) {
    if (cursor != null && !cursor.matches("[0-9]{1,19}-[0-9]{1,19}")) {
      throw new IllegalArgumentException("this cursor is not one of this list's: '" + cursor + "'");
    }
    return cursor;
  }

  private static boolean isMissingStream(Throwable err) {
    String m = err.getMessage();
    return m != null && (m.contains("no such key") || m.contains("NOGROUP"));
  }
}
