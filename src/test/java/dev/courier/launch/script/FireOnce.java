package dev.courier.launch.script;

import dev.courier.context.Principal;
import dev.courier.launch.Courier;
import dev.courier.launch.CourierClient;
import dev.courier.task.TaskReceipt;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A script that fires one task and stays until a line arrives on stdin (so its sockets can be looked at), then closes.
 * Its whole config comes from the environment ({@code COURIER_REDIS_URL}, {@code COURIER_TASKS_SIGNING_KEY},
 * {@code COURIER_TASKS_PREFIX}): no http, no auth keys. Usage: {@code FireOnce <marker>}; prints
 * {@code FIRED <task id>} and, at the end, {@code CLOSED}.
 */
public final class FireOnce {

  private FireOnce() {
  }

  public static void main(String[] args) throws Exception {
    CourierClient client = Courier.client(new JsonObject());
    Principal batch = new Principal("nightly-batch", Set.of("batch"), new JsonObject().put("sub", "nightly-batch"));
    TaskReceipt receipt = client.tasks().onBehalfOf(batch).call(ScriptTasks::note).fire(args[0], 7).await();
    System.out.println("FIRED " + receipt.taskId());
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    client.close().await();
    System.out.println("CLOSED");
  }
}
