package dev.courier.internal.worker;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The workers' coordinator loop: the one event loop where the dispatcher, completions, lease renewer, deadline sweep,
 * arrival watches and per-queue duties run, and where no task body runs (a CPU-heavy body on a lane must not delay a
 * lease renewal). Their state is plain fields without locks, so the rule is checked, not only stated: {@link #check}
 * throws when called from any other thread or context. It costs a thread-field read and two comparisons.
 */
final class HomeLoop {

  private static final Logger LOG = LoggerFactory.getLogger(HomeLoop.class);

  private final ContextInternal context;
  private final List<ContextInternal> lanes;
  private long passed; // written on the home loop only (a check that passes is there)

  HomeLoop(ContextInternal context, List<ContextInternal> lanes) {
    this.context = context;
    this.lanes = List.copyOf(lanes);
  }

  /** A context of its own on an event loop no lane runs on, if the event-loop pool has one to spare. */
  static HomeLoop apartFrom(VertxInternal vertx, List<ContextInternal> lanes) {
    Set<EventLoop> taken = new HashSet<>();
    lanes.forEach(lane -> taken.add(lane.nettyEventLoop()));
    EventLoop chosen = null;
    for (EventExecutor loop : vertx.nettyEventLoopGroup()) {
      if (!taken.contains(loop)) {
        chosen = (EventLoop) loop;
        break;
      }
    }
    if (chosen == null) {
      chosen = lanes.get(lanes.size() - 1).nettyEventLoop();
      LOG.warn("tasks.workers ({}) leaves no event loop to the workers' coordinator: it shares one with a lane, so a "
        + "busy Future task there delays claims and lease renewals; use fewer lanes than event loops", lanes.size());
    }
    return new HomeLoop(vertx.contextBuilder().withEventLoop(chosen).build(), lanes);
  }

  ContextInternal context() {
    return context;
  }

  /** @throws IllegalStateException naming {@code who} when the caller is not on the home loop */
  void check(String who) {
    check(context, who);
    passed++;
  }

  /** @return how many {@link #check}s passed; read it on the home loop (a test's proof that the checks ran) */
  long passed() {
    return passed;
  }

  /** The same check for a class handed only the home context. */
  static void check(ContextInternal home, String who) {
    ContextInternal current = ContextInternal.current();
    if (current == null || current.unwrap() != home || !home.inThread()) {
      throw new IllegalStateException(who + " runs on the workers' home loop only, but was called on "
        + Thread.currentThread().getName());
    }
  }

  /**
   * Runs {@code action} on the home loop once every lane has run what it was handed before: the end of the node's turn.
   * The bodies of a batch claimed together run on a lane, and each outcome comes back to the home loop on its own; the
   * next claim and the next write wait for them all, so they go out together, as they did when the home loop was a
   * lane (a drain of no-op tasks made up to twice the script calls without it). One hop per lane per turn, not per task.
   */
  void afterLanes(Runnable action) {
    hop(0, action);
  }

  private void hop(int lane, Runnable action) {
    if (lane == lanes.size()) {
      context.runOnContext(v -> action.run());
    } else {
      lanes.get(lane).runOnContext(v -> hop(lane + 1, action));
    }
  }

  /** Runs {@code action} on the home loop; its future completes there too. */
  <T> Future<T> run(Supplier<Future<T>> action) {
    Promise<T> done = context.promise();
    context.runOnContext(v -> {
      try {
        action.get().onComplete(done);
      } catch (RuntimeException e) {
        done.fail(e);
      }
    });
    return done.future();
  }
}
