package dev.courier.internal.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.impl.RequestImpl;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How long one request may go unanswered: {@code redis.commandTimeoutMs}, plus what a command asks Redis to wait
 * ({@code XREAD ... BLOCK n}, {@code WAIT replicas n}). A command that asks to wait for ever (a 0) gets no deadline.
 */
final class CallDeadline {

  static final long NONE = -1;

  private CallDeadline() {
  }

  /** @return the deadline of {@code request} in ms, or {@link #NONE} */
  static long of(Request request, long timeoutMs) {
    long waits = waits(request);
    return waits < 0 ? NONE : timeoutMs + waits;
  }

  /** @return the longest deadline of a pipeline's requests (they are answered in order), or {@link #NONE} */
  static long of(List<Request> requests, long timeoutMs) {
    long most = timeoutMs;
    for (Request r : requests) {
      long one = of(r, timeoutMs);
      if (one == NONE) {
        return NONE;
      }
      most = Math.max(most, one);
    }
    return most;
  }

  /** @return whether {@code request} is a read that blocks while nothing arrives ({@code XREAD ... BLOCK n}) */
  static boolean isBlockingRead(Request request) {
    Command cmd = request.command();
    return (cmd == Command.XREAD || cmd == Command.XREADGROUP) && waits(request) != 0;
  }

  /** @return ms the command asks Redis to wait before answering, 0 if none, -1 if for ever */
  private static long waits(Request request) {
    Command cmd = request.command();
    boolean read = cmd == Command.XREAD || cmd == Command.XREADGROUP;
    if (!read && cmd != Command.WAIT || !(request instanceof RequestImpl impl)) {
      return 0;
    }
    // Request exposes no arguments; RequestImpl (the only implementation) does
    List<byte[]> args = impl.getArgs();
    if (cmd == Command.WAIT) {
      return args.size() < 2 ? 0 : forEver(number(args.get(1)));
    }
    for (int i = 0; i + 1 < args.size(); i++) {
      String arg = new String(args.get(i), StandardCharsets.US_ASCII);
      if (arg.equalsIgnoreCase("STREAMS")) {
        return 0;
      }
      if (arg.equalsIgnoreCase("BLOCK")) {
        return forEver(number(args.get(i + 1)));
      }
    }
    return 0;
  }

  private static long forEver(long ms) {
    return ms == 0 ? -1 : ms;
  }

  private static long number(byte[] arg) {
    try {
      return Long.parseLong(new String(arg, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
