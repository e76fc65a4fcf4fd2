package com.example.starter;

/** The body of {@code POST /v1/greetings}. */
public record GreetingRequest(String name) {
}
