package dev.courier.task;

import java.time.Instant;

/** What firing a task answers once its envelope is safely in Redis: its id and when it is due. */
public record TaskReceipt(String taskId, Instant dueAt) {
}
