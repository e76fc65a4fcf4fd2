package dev.courier.task;

import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One call of one task, with an optional per-call delay or due time and idempotency key; {@link #fire} enqueues it,
 * {@link #fireAll} enqueues many calls of it at once. Calls are immutable: {@link #delay}, {@link #at} and
 * {@link #key} answer a new call, so a call kept in a field may be fired from many requests at once.
 *
 * <p>This form, from {@link TaskClient#task(String)}, checks its arguments when it fires. The typed forms
 * {@link Of0} to {@link Of6}, from {@link TaskClient#call}, are checked by the compiler as well.
 */
public interface TaskCall {

  /** Runs the task no sooner than {@code delay} from now (overrides the declared default); a new call. */
  TaskCall delay(Duration delay);

  /** Runs the task no sooner than {@code dueAt}; a new call. */
  TaskCall at(Instant dueAt);

  /**
   * Makes the fire idempotent: the first fire of {@code key} enqueues the task, and a repeat within
   * {@code tasks.retentionSeconds} of that task's due time enqueues nothing and answers the first task's receipt
   * ({@link TaskReceipt#repeated()} true), whatever its arguments. The check and the enqueue are one atomic step in
   * Redis, so repeats racing from many nodes still make one task. A key is scoped to the task name and to the caller's
   * subject (the principal the task runs as; none outside a request): the same key for another task, or from another
   * user, is another key. Use it to retry a fire whose answer was lost (a timeout, a 503, a cut connection). A new
   * call; a keyed call has no {@link #fireAll} (one key names one task).
   *
   * @param key 1 to 200 characters, not blank, no control characters, e.g. a client's {@code Idempotency-Key} header
   * @throws TaskArgumentException at once if {@code key} breaks that rule (naming the parameter, not echoing it)
   */
  TaskCall key(String key);

  /**
   * Checks {@code args}, seals the envelope and enqueues it. Fires made at the same time on this node share script
   * calls to Redis, so many fires in flight cost little more than one.
   *
   * @throws TaskArgumentException at once, with nothing enqueued, if an argument does not fit its parameter
   */
  Future<TaskReceipt> fire(Object... args);

  /**
   * Fires the task once per element of {@code calls}, each element being the arguments of one call (as {@link #fire}
   * takes them), all with this call's delay or due time, in one round trip to Redis. Every call is checked and sealed
   * before anything is sent, so a bad argument anywhere enqueues none of them. Up to 1,000 tasks are stored
   * atomically; a longer list is stored in parts of 1,000, each atomic (if Redis fails mid-way the future fails and
   * some parts may be stored).
   *
   * @return the receipts, in the order of {@code calls}
   * @throws TaskArgumentException at once, with nothing enqueued, naming the call (0-based) and the parameter; or if
   *     this call has a {@link #key}
   */
  Future<List<TaskReceipt>> fireAll(List<? extends List<?>> calls);

  /** A compile-checked call of a task with no arguments; see {@link TaskClient#call}. */
  interface Of0 {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of0 delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of0 at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of0 key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire();

    /** Fires the task {@code times} times in one round trip, as {@link TaskCall#fireAll}. */
    Future<List<TaskReceipt>> fireAll(int times);
  }

  /** A compile-checked call of a task with one argument; see {@link TaskClient#call}. */
  interface Of1<A> {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of1<A> delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of1<A> at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of1<A> key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire(A a);

    /** Fires the task once per element of {@code args}, in one round trip, as {@link TaskCall#fireAll}. */
    Future<List<TaskReceipt>> fireAll(List<? extends A> args);
  }

  /** A compile-checked call of a task with two arguments; see {@link TaskClient#call}. */
  interface Of2<A, B> {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of2<A, B> delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of2<A, B> at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of2<A, B> key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire(A a, B b);

    /**
     * Fires the task once per element of {@code items}, each call's arguments read from its item by the functions
     * ({@code fireAll(users, User::email, User::name)}), in one round trip, as {@link TaskCall#fireAll}.
     */
    <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items,
                                          Function<? super S, ? extends A> a, Function<? super S, ? extends B> b);
  }

  /** A compile-checked call of a task with three arguments; see {@link TaskClient#call}. */
  interface Of3<A, B, C> {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of3<A, B, C> delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of3<A, B, C> at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of3<A, B, C> key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire(A a, B b, C c);

    /**
     * Fires the task once per element of {@code items}, each call's arguments read from its item by the functions
     * ({@code fireAll(users, User::email, User::name)}), in one round trip, as {@link TaskCall#fireAll}.
     */
    <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items,
                                          Function<? super S, ? extends A> a, Function<? super S, ? extends B> b,
                                          Function<? super S, ? extends C> c);
  }

  /** A compile-checked call of a task with four arguments; see {@link TaskClient#call}. */
  interface Of4<A, B, C, D> {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of4<A, B, C, D> delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of4<A, B, C, D> at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of4<A, B, C, D> key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire(A a, B b, C c, D d);

    /**
     * Fires the task once per element of {@code items}, each call's arguments read from its item by the functions
     * ({@code fireAll(users, User::email, User::name)}), in one round trip, as {@link TaskCall#fireAll}.
     */
    <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items,
                                          Function<? super S, ? extends A> a, Function<? super S, ? extends B> b,
                                          Function<? super S, ? extends C> c, Function<? super S, ? extends D> d);
  }

  /** A compile-checked call of a task with five arguments; see {@link TaskClient#call}. */
  interface Of5<A, B, C, D, E> {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of5<A, B, C, D, E> delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of5<A, B, C, D, E> at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of5<A, B, C, D, E> key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire(A a, B b, C c, D d, E e);

    /**
     * Fires the task once per element of {@code items}, each call's arguments read from its item by the functions
     * ({@code fireAll(users, User::email, User::name)}), in one round trip, as {@link TaskCall#fireAll}.
     */
    <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items,
                                          Function<? super S, ? extends A> a, Function<? super S, ? extends B> b,
                                          Function<? super S, ? extends C> c, Function<? super S, ? extends D> d,
                                          Function<? super S, ? extends E> e);
  }

  /** A compile-checked call of a task with six arguments; see {@link TaskClient#call}. */
  interface Of6<A, B, C, D, E, F> {

    /** As {@link TaskCall#delay}: a new call, this one unchanged. */
    Of6<A, B, C, D, E, F> delay(Duration delay);

    /** As {@link TaskCall#at}: a new call, this one unchanged. */
    Of6<A, B, C, D, E, F> at(Instant dueAt);

    /** As {@link TaskCall#key}: a new call, this one unchanged. */
    Of6<A, B, C, D, E, F> key(String key);

    /** As {@link TaskCall#fire}. */
    Future<TaskReceipt> fire(A a, B b, C c, D d, E e, F f);

    /**
     * Fires the task once per element of {@code items}, each call's arguments read from its item by the functions
     * ({@code fireAll(users, User::email, User::name)}), in one round trip, as {@link TaskCall#fireAll}.
     */
    <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items,
                                          Function<? super S, ? extends A> a, Function<? super S, ? extends B> b,
                                          Function<? super S, ? extends C> c, Function<? super S, ? extends D> d,
                                          Function<? super S, ? extends E> e, Function<? super S, ? extends F> f);
  }
}
