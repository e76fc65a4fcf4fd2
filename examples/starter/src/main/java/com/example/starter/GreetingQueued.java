package com.example.starter;

/** The 202 answer: the task to poll at {@code GET /v1/tasks/{task_id}}. */
public record GreetingQueued(String taskId) {
}
