package dev.courier.internal.config;

import java.util.regex.Pattern;

/**
 * What can name a queue. The rule sits with the config, which checks names first (queue lists, weights); the Redis
 * key layout ({@code QueueKeys}) applies the same rule, so a name the config accepts always makes valid keys.
 */
public final class QueueNames {

  /** The rule as people read it, for error messages. */
  public static final String RULE = "[A-Za-z0-9_.-]{1,64}";
  private static final Pattern QUEUE = Pattern.compile(RULE);

  private QueueNames() {
  }

  /** @return whether {@code queue} can name a queue: letters, digits, '_', '.', '-', 1 to 64 of them. */
  public static boolean isQueueName(String queue) {
    return queue != null && QUEUE.matcher(queue).matches();
  }
}
