package dev.courier.internal.testing;

import dev.courier.testkit.RedisFixture;

import dev.courier.example.signup.SignupService;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** Base of test classes that share one node of the example service, started once for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SignupNodeTest {

  protected TestNode app;

  /** Config merged over {@link TestNode#config}'s defaults; none by default. */
  protected JsonObject overrides() {
    return new JsonObject();
  }

  @BeforeAll
  final void startSignupNode() {
    app = TestNode.start(new SignupService(), RedisFixture.shared().url(), overrides());
  }

  @AfterAll
  final void stopSignupNode() {
    app.close();
  }
}
