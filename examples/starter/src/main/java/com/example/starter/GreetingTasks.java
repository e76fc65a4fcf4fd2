package com.example.starter;

import dev.courier.context.CallContext;
import dev.courier.task.AsyncTask;
import io.vertx.core.Future;

/** The service's background work. A task runs on a worker with the caller of the endpoint that fired it. */
public final class GreetingTasks {

  private final String greeting;

  GreetingTasks(String greeting) {
    this.greeting = greeting;
  }

  /** Makes the greeting; what it returns is kept with the task's status, for whoever polls it. */
  @AsyncTask(name = "greet", maxAttempts = 3)
  public Future<Greeting> greet(String name) {
    String by = CallContext.current().subject();
    return Future.succeededFuture(new Greeting(greeting + ", " + name + "!", by));
  }
}
