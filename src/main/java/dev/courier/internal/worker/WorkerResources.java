package dev.courier.internal.worker;

import dev.courier.internal.config.TasksConfig;
import dev.courier.internal.metrics.TaskMeters;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.redis.MasterSwitchWatch;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.internal.task.TaskRegistry;
import dev.courier.internal.trace.Tracing;
import io.vertx.redis.client.Redis;

import java.time.Clock;

/**
 * What a node's workers need from the node.
 *
 * @param dedicated a Redis client used only for connections of their own (arrival watches, subscriptions), so they
 *                  never hold connections of the shared pool; the node closes it, which really closes them
 * @param tracing   where each attempt's span comes from
 * @param meters    where the attempts and outcomes of this node are counted
 * @param switches  says when Sentinel switched the master, so dedicated connections move to the new one
 */
public record WorkerResources(TasksConfig config, Queues queues, Redis dedicated, TaskRegistry registry,
                              EnvelopeSigner signer, WorkerHealth health, Clock clock, Tracing tracing,
                              TaskMeters meters, MasterSwitchWatch switches) {
}
