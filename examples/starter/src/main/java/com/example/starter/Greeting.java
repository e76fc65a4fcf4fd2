package com.example.starter;

/** The task's result: the greeting and who asked for it. */
public record Greeting(String text, String requestedBy) {
}
