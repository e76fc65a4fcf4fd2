package dev.courier.internal.queue;

import dev.courier.internal.redis.RedisTimeoutException;
import dev.courier.task.TaskNotDurableException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Coalesces the tasks fired on a node into as few {@code enqueueMany} script calls as possible. A call goes out at
 * once while fewer than {@link #MAX_IN_FLIGHT} calls are in flight; the tasks fired meanwhile wait and leave together
 * in the next call as soon as one returns. So one awaited fire at a time costs one round trip as before, and 50 fires
 * in flight cost a few script calls instead of 50 pool acquires, 50 writes and 50 scripts (group commit, with no
 * timer and no added latency when the queue is idle). Thread-safe: fires come from event loops and worker threads.
 *
 * <p>Bounded, so a silent Redis cannot pile fires up: a fire fails with {@link RedisTimeoutException} when Redis has
 * not stored it within its deadline (a fire still waiting then is never sent; one sent may still be stored, as any
 * call that timed out), and a fire that finds {@link #MAX_WAITING} tasks waiting is refused at once.
 */
final class Enqueuer {

  /** Most tasks in one script call: a call runs about 10 µs per task inside Redis, which serves no one else then. */
  static final int MAX_BATCH = 1000;
  /** Calls in flight at once, so the next batch is encoded and sent while Redis runs the previous one. */
  static final int MAX_IN_FLIGHT = 2;
  /** Most tasks waiting for a call: ten full calls, about 100 ms of Redis's time; beyond it Redis is not keeping up. */
  static final int MAX_WAITING = 10 * MAX_BATCH;

  private final Function<List<NewTask>, Future<Enqueued>> send;
  private final long deadlineMs;
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private int waitingTasks;
  private int inFlight;

  /**
   * @param send runs one script call for at most {@link #MAX_BATCH} tasks
   * @param deadlineMs how long a fire waits to be stored before it fails; 0: as long as its call takes
   */
  Enqueuer(Function<List<NewTask>, Future<Enqueued>> send, long deadlineMs) {
    this.send = send;
    this.deadlineMs = deadlineMs;
  }

  /**
   * Stores {@code tasks}; completes (on the caller's context, if it has one) when Redis holds all of them. A list over
   * {@link #MAX_BATCH} is split: each part is stored atomically, and a failure fails the whole future. The answer
   * names the keyed tasks that were repeats (two fires of one key in one batch store the first only).
   */
  Future<Enqueued> submit(List<NewTask> tasks) {
    if (tasks.size() > MAX_BATCH) {
      List<Future<Enqueued>> parts = new ArrayList<>();
      for (int from = 0; from < tasks.size(); from += MAX_BATCH) {
        parts.add(submit(tasks.subList(from, Math.min(tasks.size(), from + MAX_BATCH))));
      }
      return Future.all(parts).map(all -> Enqueued.merge(all.list()));
    }
    Waiting w = new Waiting(tasks, Vertx.currentContext(), Promise.promise());
    synchronized (this) {
      if (waitingTasks + tasks.size() > MAX_WAITING && !waiting.isEmpty()) {
        return Future.failedFuture(RedisTimeoutException.backlog(waitingTasks));
      }
      waiting.add(w);
      waitingTasks += tasks.size();
    }
    expireAfterDeadline(w);
    drain();
    return w.done.future();
  }

  /** Fails {@code w} when its deadline passes first; still waiting then, it is never sent. */
  private void expireAfterDeadline(Waiting w) {
    if (deadlineMs <= 0 || w.context == null) {
      return; // a fire from outside Vert.x waits for its calls, which have their own deadline
    }
    long timer = w.context.owner().setTimer(deadlineMs, t -> {
      synchronized (this) {
        if (waiting.remove(w)) {
          waitingTasks -= w.tasks.size();
        }
      }
      w.finish(null, RedisTimeoutException.queued(deadlineMs));
    });
    w.done.future().onComplete(ar -> w.context.owner().cancelTimer(timer));
  }

  private void drain() {
    while (true) {
      List<Waiting> batch = new ArrayList<>();
      synchronized (this) {
        if (inFlight >= MAX_IN_FLIGHT || waiting.isEmpty()) {
          return;
        }
        int size = 0;
        while (!waiting.isEmpty() && size + waiting.peek().tasks.size() <= MAX_BATCH) {
          Waiting next = waiting.poll();
          size += next.tasks.size();
          waitingTasks -= next.tasks.size();
          batch.add(next);
        }
        inFlight++;
      }
      sendBatch(batch);
    }
  }

  private void sendBatch(List<Waiting> batch) {
    List<NewTask> tasks = batch.size() == 1 ? batch.get(0).tasks : new ArrayList<>();
    if (batch.size() > 1) {
      batch.forEach(w -> tasks.addAll(w.tasks));
    }
    Future<Enqueued> sent;
    try {
      sent = send.apply(tasks);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    sent.onComplete(ar -> {
      // callers run while this call still holds its slot, so the fires they make now queue and leave together
      batch.forEach(w -> w.finish(ar.failed() ? null : ar.result().of(w.tasks), ar.failed() ? ar.cause() : null));
      synchronized (this) {
        inFlight--;
      }
      drain();
    });
  }

  private record Waiting(List<NewTask> tasks, Context context, Promise<Enqueued> done) {

    /**
     * Completes on the caller's own context, as a plain Redis call would (handlers expect their callbacks there). A
     * batch too few replicas confirmed fails each caller with its own tasks' ids.
     */
    void finish(Enqueued answer, Throwable batchFailure) {
      Throwable failure = batchFailure instanceof TaskNotDurableException e
        ? new TaskNotDurableException(tasks.stream().map(NewTask::id).toList(), e.confirmed(), e.required())
        : batchFailure;
      if (context == null || context == Vertx.currentContext()) {
        complete(answer, failure);
      } else {
        context.runOnContext(v -> complete(answer, failure));
      }
    }

    private void complete(Enqueued answer, Throwable failure) {
      if (failure == null) {
        done.tryComplete(answer);
      } else {
        done.tryFail(failure); // its deadline may have failed it already
      }
    }
  }
}
