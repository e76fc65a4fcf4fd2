package dev.courier.worker;

import dev.courier.config.TasksConfig;
import dev.courier.queue.Queues;
import dev.courier.task.EnvelopeSigner;
import dev.courier.task.TaskRegistry;
import io.vertx.redis.client.Redis;

import java.time.Clock;

/**
 * What every worker verticle of a node shares.
 *
 * @param blocking a Redis client used only for dedicated connections (blocking reads, subscriptions), so they never
 *                 take connections from the shared pool
 */
public record WorkerResources(TasksConfig config, Queues queues, Redis blocking, TaskRegistry registry,
                              EnvelopeSigner signer, Slots slots, WorkerHealth health, Clock clock) {
}
