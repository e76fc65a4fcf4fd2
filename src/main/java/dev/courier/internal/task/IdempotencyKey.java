package dev.courier.internal.task;

import dev.courier.task.TaskArgumentException;

import java.util.Objects;

/** The rule for a call's idempotency key ({@code TaskCall.key}): 1 to 200 characters, not blank, no control ones. */
final class IdempotencyKey {

  static final int MAX_LENGTH = 200;

  private IdempotencyKey() {
  }

  /** @return {@code key}, if it follows the rule */
  static String check(String task, String key) {
    Objects.requireNonNull(key, "'key' cannot be null");
    if (key.isBlank()) {
      throw TaskArgumentException.badKey(task, "is blank");
    }
    if (key.length() > MAX_LENGTH) {
      throw TaskArgumentException.badKey(task, "is " + key.length() + " characters long, over " + MAX_LENGTH);
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        throw TaskArgumentException.badKey(task, "holds a control character at index " + i);
      }
    }
    return key;
  }
}
