package dev.courier.launch;

import dev.courier.task.TaskClient;
import io.vertx.core.Future;

/**
 * Fires tasks from any Java program (a script, a batch job, a test, another service) without running a node: no HTTP
 * server, no workers, no JWT key. Worker nodes sharing its Redis, {@code tasks.prefix} and {@code tasks.signingKey} run
 * what it fires. Get one from {@link Courier#client}.
 *
 * <pre>{@code
 * CourierClient client = Courier.client(new JsonObject(Files.readString(Path.of("conf/client.json"))));
 * client.tasks().call(EmailTasks::sendEmail).fire("ada@example.org", "Hi", "Hello").await();
 * client.close().await();
 * }</pre>
 *
 * <p>Tasks fired outside a request run anonymously; {@code tasks().onBehalfOf(principal)} gives them a caller.
 */
public interface CourierClient {

  /**
   * @return the client that fires tasks. By method reference it knows any {@code @AsyncTask} method; by name, the
   *     tasks of the classes {@link #declare declared}.
   */
  TaskClient tasks();

  /**
   * Makes the {@code @AsyncTask} methods of {@code taskClasses} known by name, for {@code tasks().task(name)}. No
   * instance is made: a client runs nothing. Their parameters are checked as a node checks a bean's.
   *
   * @return this client
   * @throws dev.courier.task.TaskArgumentException if a task cannot be declared as written
   * @throws IllegalArgumentException if a class has no public {@code @AsyncTask} method
   */
  CourierClient declare(Class<?>... taskClasses);

  /** Closes the Redis connections, and Vert.x if the client made it; tasks already fired stay in Redis. */
  Future<Void> close();
}
