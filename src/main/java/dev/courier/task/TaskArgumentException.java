package dev.courier.task;

import java.lang.reflect.Type;

/** A task that cannot be declared or called as written; thrown at registration or at call time, before Redis. */
public final class TaskArgumentException extends IllegalArgumentException {

  private final boolean tooLarge;
  private final boolean badKey;

  private TaskArgumentException(String message) {
    this(message, false);
  }

  private TaskArgumentException(String message, boolean tooLarge) {
    this(message, tooLarge, false);
  }

  private TaskArgumentException(String message, boolean tooLarge, boolean badKey) {
    super(message);
    this.tooLarge = tooLarge;
    this.badKey = badKey;
  }

  /**
   * @return whether the arguments were refused for their size ({@code tasks.maxPayloadBytes}) rather than their
   *     types: a handler that lets this escape answers 413, since the request carried too much
   */
  public boolean isTooLarge() {
    return tooLarge;
  }

  /**
   * @return whether the idempotency key ({@link TaskCall#key}) was refused: a handler that lets this escape answers
   *     400, since such a key comes from the request (an {@code Idempotency-Key} header)
   */
  public boolean isBadKey() {
    return badKey;
  }

  /** @param why which part of {@code type} cannot be carried (a record component, a map key type, ...) */
  public static TaskArgumentException notCarryable(String task, String parameter, Type type, String why) {
    return new TaskArgumentException("task '" + task + "' parameter '" + parameter + "' has type "
      + type.getTypeName() + ", which a task cannot carry (" + why + "; use JSON-native values, lists, maps,"
      + " JsonObject/JsonArray or records of those)");
  }

  public static TaskArgumentException badValue(String task, String parameter, Type declared, Object value,
                                               String why) {
    return new TaskArgumentException("task '" + task + "' parameter '" + parameter + "' (" + declared.getTypeName()
      + ") cannot carry a " + (value == null ? "null" : value.getClass().getName()) + ": " + why);
  }

  public static TaskArgumentException wrongCount(String task, int expected, int given) {
    return new TaskArgumentException("task '" + task + "' takes " + expected + " argument(s), got " + given);
  }

  public static TaskArgumentException tooLarge(String task, int bytes, int max) {
    return new TaskArgumentException("task '" + task + "' arguments are " + bytes + " bytes, over tasks.maxPayloadBytes ("
      + max + ")", true);
  }

  /** The same refusal, saying which call of a {@code fireAll} batch it was (0-based). */
  public static TaskArgumentException inCall(int index, int calls, TaskArgumentException refused) {
    return new TaskArgumentException("call " + index + " of " + calls + ": " + refused.getMessage(), refused.tooLarge);
  }

  public static TaskArgumentException unknownTask(String task) {
    return new TaskArgumentException("no task named '" + task + "' is registered");
  }

  /** @param remedy what makes the task known, e.g. {@code register its bean with setup.tasks(bean)} */
  public static TaskArgumentException unknownTask(String task, String remedy) {
    return new TaskArgumentException("no task named '" + task + "' is registered; " + remedy);
  }

  /**
   * What a typed call was given is not a task method.
   *
   * @param what the method, e.g. {@code EmailTasks.format(String)}, or what was given instead of a method reference
   */
  public static TaskArgumentException notATask(String what, String why) {
    return new TaskArgumentException(what + " cannot be fired as a task: " + why);
  }

  /** @param why what is wrong with the key (never the key itself, which may be long or private) */
  public static TaskArgumentException badKey(String task, String why) {
    return new TaskArgumentException("task '" + task + "' parameter 'key' (the idempotency key) " + why
      + "; use 1 to 200 characters, not blank, no control characters", false, true);
  }

  /** A {@code fireAll} of a call that has an idempotency key: one key names one task. */
  public static TaskArgumentException keyedFireAll(String task) {
    return new TaskArgumentException("task '" + task + "': a call with an idempotency key fires one task, so it has "
      + "no fireAll; fire each call with its own key");
  }

  public static TaskArgumentException badDeclaration(String task, String why) {
    return new TaskArgumentException("task '" + task + "' " + why);
  }
}
