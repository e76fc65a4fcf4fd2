package dev.courier.internal.metrics;

import dev.courier.internal.queue.QueueCounts;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code courier_queue_tasks{queue, state}}: how many tasks each queue holds ready, delayed, running, retrying and dead, as
 * Redis says. A timer reads them every {@code metrics.queueRefreshSeconds} (four commands per queue in one round
 * trip) and a scrape reads the cached values, so scrapes cost Redis nothing. A queue that cannot be read shows NaN
 * until it can. The values are the queue's, not the node's: every node shows the same ones.
 */
final class QueueGauges {

  private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);
  private static final String[] STATES = {"ready", "delayed", "running", "dead", "retrying"};
  private static final long UNREAD = -1;

  private final Vertx vertx;
  private final Queues queues;
  private final List<String> names;
  private final List<AtomicLongArray> values = new ArrayList<>();
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile boolean failing;
  private long timer = -1;

  QueueGauges(Vertx vertx, MeterRegistry registry, Queues queues, List<String> names) {
    this.vertx = vertx;
    this.queues = queues;
    this.names = List.copyOf(names);
    for (String queue : this.names) {
      AtomicLongArray counts = new AtomicLongArray(STATES.length);
      for (int i = 0; i < STATES.length; i++) {
        counts.set(i, UNREAD);
        int state = i;
        // on counts, which this object keeps (in values) as long as the node: Micrometer holds it only weakly
        Gauge.builder("courier.queue.tasks", counts, c -> c.get(state) < 0 ? Double.NaN : c.get(state))
          .description("Tasks in the queue by state, as last read from Redis (the same on every node)")
          .tags("queue", queue, "state", STATES[i]).register(registry);
      }
      values.add(counts);
    }
  }

  void start(long periodMs) {
    refresh();
    timer = vertx.setPeriodic(periodMs, id -> refresh());
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void refresh() {
    if (!reading.compareAndSet(false, true)) {
      return; // the last read is still on its way (a slow Redis): one at a time
    }
    List<Future<QueueCounts>> reads = new ArrayList<>(names.size());
    for (int q = 0; q < names.size(); q++) {
      AtomicLongArray counts = values.get(q);
      reads.add(queues.get(names.get(q)).compose(RedisQueue::counts)
        .onSuccess(c -> {
          counts.set(0, c.ready());
          counts.set(1, c.delayed());
          counts.set(2, c.pending());
          counts.set(3, c.dead());
          counts.set(4, c.retrying());
        })
        .onFailure(err -> {
          for (int i = 0; i < STATES.length; i++) {
            counts.set(i, UNREAD); // a stale count would look like a stuck queue
          }
        }));
    }
    Future.join(reads).onComplete(done -> {
      reading.set(false);
      if (done.failed() != failing) { // one line when reading starts failing, one when it works again
        failing = done.failed();
        if (failing) {
          LOG.warn("queue gauges cannot be read from Redis ({}); they show NaN until they can",
            done.cause().getMessage());
        } else {
          LOG.info("queue gauges are read from Redis again");
        }
      }
    });
  }
}
