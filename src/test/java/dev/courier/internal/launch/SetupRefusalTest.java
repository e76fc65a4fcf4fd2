package dev.courier.internal.launch;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.internal.config.CourierConfig;
import dev.courier.internal.testing.Eventually;
import dev.courier.testkit.RedisFixture;
import dev.courier.internal.testing.TestNode;
import dev.courier.launch.script.ScriptTasks;
import dev.courier.task.AsyncTask;
import dev.courier.task.TaskArgumentException;
import dev.courier.task.TaskCall;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Calls obtained during {@code setup} are checked when it returns: one naming a task that no registered bean declares
 * stops the node with one line, whatever the order of the calls and the registrations.
 */
class SetupRefusalTest {

  private final String url = RedisFixture.shared().url();
  private final String prefix = RedisFixture.uniquePrefix();

  /** A bean with one task, so that the registry is not empty. */
  public static final class OtherTasks {
    @AsyncTask(name = "other")
    public void other(String text) {
    }
  }

  /** A worker-only service (no contract) whose setup is the given code. */
  private record SetupOnly(Consumer<ServiceSetup> body) implements CourierService {
    @Override
    public String contract() {
      throw new AssertionError("not on a worker-only node");
    }

    @Override
    public void setup(ServiceSetup setup) {
      body.accept(setup);
    }
  }

  private Throwable startFailure(Consumer<ServiceSetup> setup) {
    Vertx vertx = Vertx.vertx();
    try {
      CourierConfig config = TestNode.workerConfig(url, prefix);
      Throwable failure = CourierNode.start(vertx, config, new SetupOnly(setup)).transform(ar -> ar.succeeded()
        ? ar.result().close().map(v -> (Throwable) null) : io.vertx.core.Future.succeededFuture(ar.cause())).await();
      assertThat(failure).as("the node refused to start").isNotNull();
      assertThat(StartupFailure.describe(failure, config)).as("one line").doesNotContain("\n")
        .startsWith("cannot start: ");
      return failure;
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void a_name_and_a_typed_call_that_no_bean_declares_stop_the_node_in_one_line() {
    Throwable failure = startFailure(setup -> {
      setup.taskClient().task("nope");
      setup.taskClient().call(ScriptTasks::note);
      setup.tasks(new OtherTasks());
    });
    assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("setup asks for tasks it cannot fire:"
      + " task(\"nope\"): no task named 'nope' is registered; register the bean that declares it with"
      + " setup.tasks(bean); ScriptTasks::note: no task named 'scriptNote' is registered; register an instance of"
      + " ScriptTasks with setup.tasks(bean)");
  }

  @Test
  void a_typed_call_of_a_method_without_async_task_stops_the_node_naming_it() {
    Throwable failure = startFailure(setup -> {
      setup.tasks(new ScriptTasks());
      setup.taskClient().call(ScriptTasks::helper);
    });
    assertThat(failure).isInstanceOf(TaskArgumentException.class)
      .hasMessage("ScriptTasks.helper(String) cannot be fired as a task: it has no @AsyncTask annotation");
  }

  @Test
  void calls_obtained_before_their_bean_is_registered_start_and_fire() {
    AtomicReference<TaskCall.Of2<String, Integer>> kept = new AtomicReference<>();
    AtomicReference<TaskCall> byName = new AtomicReference<>();
    SetupOnly service = new SetupOnly(setup -> {
      kept.set(setup.taskClient().call(ScriptTasks::note));
      byName.set(setup.taskClient().task("scriptNote"));
      setup.tasks(new ScriptTasks());
    });
    try (TestNode node = TestNode.start(service, TestNode.workerConfig(url, prefix), prefix)) {
      String typed = "kept-" + UUID.randomUUID();
      String named = "named-" + UUID.randomUUID();
      kept.get().fire(typed, 1).await();
      byName.get().fire(named, 2).await();
      assertThat(Eventually.until(Duration.ofSeconds(10), () -> ScriptTasks.run(typed), Objects::nonNull).times())
        .isEqualTo(1);
      assertThat(Eventually.until(Duration.ofSeconds(10), () -> ScriptTasks.run(named), Objects::nonNull).times())
        .isEqualTo(2);
      assertThatThrownBy(() -> node.node.tasks().task("nope")).as("after setup, an unknown name fails at once")
        .isInstanceOf(TaskArgumentException.class).hasMessageContaining("no task named 'nope'");
    }
  }
}
