package dev.courier.internal.worker;

import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.WorkQueue;

/**
 * One delivery whose outcome is being written: where it goes and how it is counted and logged.
 *
 * @param task        the task's name, or the label a refused delivery is counted under
 * @param number      which attempt this is (1-based)
 * @param attempt     the attempt's span and outcome line, or null for an envelope refused before it started one
 * @param startedAtMs when this node started the delivery (wall clock, as data losses are stamped)
 * @param leased      whether the lease renewer holds the delivery while it runs
 */
record Delivery(WorkQueue queue, Claim claim, String task, int number, Attempt attempt, long startedAtMs,
                boolean leased) {
}
