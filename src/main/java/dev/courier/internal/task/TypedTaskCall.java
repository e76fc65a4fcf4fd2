package dev.courier.internal.task;

import dev.courier.task.TaskCall;
import dev.courier.task.TaskReceipt;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A call obtained from a method reference ({@code tasks.call(EmailTasks::sendEmail)}). One class serves every arity:
 * the compiler has already matched the arguments to the method's parameters through the interface it was handed out
 * as, and the same run-time checks as for a call by name follow (a null for a primitive, deep contents, size).
 * Immutable, like {@link RedisTaskCall}.
 */
final class TypedTaskCall<A, B, C, D, E, F> implements TaskCall.Of0, TaskCall.Of1<A>, TaskCall.Of2<A, B>,
  TaskCall.Of3<A, B, C>, TaskCall.Of4<A, B, C, D>, TaskCall.Of5<A, B, C, D, E>, TaskCall.Of6<A, B, C, D, E, F> {

  private final CallSettings settings;

  TypedTaskCall(CallSettings settings) {
    this.settings = settings;
  }

  @Override
  public TypedTaskCall<A, B, C, D, E, F> delay(Duration delay) {
    return new TypedTaskCall<>(settings.delayedBy(delay));
  }

  @Override
  public TypedTaskCall<A, B, C, D, E, F> at(Instant dueAt) {
    return new TypedTaskCall<>(settings.dueAt(dueAt));
  }

  @Override
  public TypedTaskCall<A, B, C, D, E, F> key(String key) {
    return new TypedTaskCall<>(settings.keyed(key));
  }

  @Override
  public Future<TaskReceipt> fire() {
    return send();
  }

  @Override
  public Future<TaskReceipt> fire(A a) {
    return send(a);
  }

  @Override
  public Future<TaskReceipt> fire(A a, B b) {
    return send(a, b);
  }

  @Override
  public Future<TaskReceipt> fire(A a, B b, C c) {
    return send(a, b, c);
  }

  @Override
  public Future<TaskReceipt> fire(A a, B b, C c, D d) {
    return send(a, b, c, d);
  }

  @Override
  public Future<TaskReceipt> fire(A a, B b, C c, D d, E e) {
    return send(a, b, c, d, e);
  }

  @Override
  public Future<TaskReceipt> fire(A a, B b, C c, D d, E e, F f) {
    return send(a, b, c, d, e, f);
  }

  @Override
  public Future<List<TaskReceipt>> fireAll(int times) {
    if (times < 0) {
      throw new IllegalArgumentException("'times' cannot be negative");
    }
    return settings.fireAll(Collections.nCopies(times, new Object[0]));
  }

  @Override
  public Future<List<TaskReceipt>> fireAll(List<? extends A> args) {
    Objects.requireNonNull(args, "'args' cannot be null");
    List<Object[]> calls = new ArrayList<>(args.size());
    args.forEach(a -> calls.add(new Object[] {a}));
    return settings.fireAll(calls);
  }

  @Override
  public <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items, Function<? super S, ? extends A> a,
                                               Function<? super S, ? extends B> b) {
    return sendAll(items, List.of(a, b));
  }

  @Override
  public <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items, Function<? super S, ? extends A> a,
                                               Function<? super S, ? extends B> b,
                                               Function<? super S, ? extends C> c) {
    return sendAll(items, List.of(a, b, c));
  }

  @Override
  public <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items, Function<? super S, ? extends A> a,
                                               Function<? super S, ? extends B> b, Function<? super S, ? extends C> c,
                                               Function<? super S, ? extends D> d) {
    return sendAll(items, List.of(a, b, c, d));
  }

  @Override
  public <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items, Function<? super S, ? extends A> a,
                                               Function<? super S, ? extends B> b, Function<? super S, ? extends C> c,
                                               Function<? super S, ? extends D> d,
                                               Function<? super S, ? extends E> e) {
    return sendAll(items, List.of(a, b, c, d, e));
  }

  @Override
  public <S> Future<List<TaskReceipt>> fireAll(List<? extends S> items, Function<? super S, ? extends A> a,
                                               Function<? super S, ? extends B> b, Function<? super S, ? extends C> c,
                                               Function<? super S, ? extends D> d, Function<? super S, ? extends E> e,
                                               Function<? super S, ? extends F> f) {
    return sendAll(items, List.of(a, b, c, d, e, f));
  }

  private Future<TaskReceipt> send(Object... args) {
    return settings.fire(args);
  }

  /** Reads each item's arguments with {@code readers} (one per parameter, in order) and fires them all at once. */
  private <S> Future<List<TaskReceipt>> sendAll(List<? extends S> items, List<Function<? super S, ?>> readers) {
    Objects.requireNonNull(items, "'items' cannot be null");
    List<Object[]> calls = new ArrayList<>(items.size());
    for (S item : items) {
      Object[] args = new Object[readers.size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = readers.get(i).apply(item);
      }
      calls.add(args);
    }
    return settings.fireAll(calls);
  }
}
