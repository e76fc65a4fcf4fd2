package dev.courier.task;

import java.io.Serializable;

/**
 * The shapes of a method reference to an {@link AsyncTask} method, by its number of arguments, so that
 * {@link TaskClient#call} can type the call: {@code tasks.call(EmailTasks::sendEmail)} is an {@link TaskCall.Of3} of
 * the method's three parameter types, and a wrong argument type or count does not compile.
 *
 * <p>Write an unbound reference, {@code TheTasks::method}: the first parameter of each shape is the task's bean, which
 * the worker supplies. Methods returning a value ({@code Future<Void>}, ...) fit too. A method that is overloaded needs
 * its type arguments spelled ({@code tasks.<Billing, Integer>call(Billing::charge)}). Lambdas, references bound to an
 * instance and methods without {@code @AsyncTask} are refused with a {@link TaskArgumentException} naming them.
 *
 * <p>Primitive parameters appear as their boxes: {@code charge(int cents)} gives an {@code Of1<Integer>}.
 */
public final class TaskMethod {

  private TaskMethod() {
  }

  /** A task method with no arguments. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A0<T> extends Serializable {
    void run(T bean) throws Exception;
  }

  /** A task method with one argument. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A1<T, A> extends Serializable {
    void run(T bean, A a) throws Exception;
  }

  /** A task method with two arguments. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A2<T, A, B> extends Serializable {
    void run(T bean, A a, B b) throws Exception;
  }

  /** A task method with three arguments. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A3<T, A, B, C> extends Serializable {
    void run(T bean, A a, B b, C c) throws Exception;
  }

  /** A task method with four arguments. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A4<T, A, B, C, D> extends Serializable {
    void run(T bean, A a, B b, C c, D d) throws Exception;
  }

  /** A task method with five arguments. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A5<T, A, B, C, D, E> extends Serializable {
    void run(T bean, A a, B b, C c, D d, E e) throws Exception;
  }

  /** A task method with six arguments. @param <T> the task's bean class */
  @FunctionalInterface
  public interface A6<T, A, B, C, D, E, F> extends Serializable {
    void run(T bean, A a, B b, C c, D d, E e, F f) throws Exception;
  }
}
