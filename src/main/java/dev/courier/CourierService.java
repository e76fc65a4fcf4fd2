package dev.courier;

/**
 * A service built on Courier: its contract and its code. The node finds it through
 * {@code META-INF/services/dev.courier.CourierService} (or a test passes it directly), calls {@link #setup} once,
 * then serves the contract's operations and runs the tasks.
 *
 * <pre>{@code
 * public final class SignupService implements CourierService {
 *   public String contract() { return "openapi/signup.yaml"; }
 *   public void setup(ServiceSetup setup) {
 *     UserStore users = new UserStore(setup.redis());
 *     setup.operation("signup", request -> users.create(request.body(SignupRequest.class)).map(Reply::created));
 *   }
 * }
 * }</pre>
 */
public interface CourierService {

  /**
   * @return the classpath location of the OpenAPI contract, e.g. {@code openapi/signup.yaml}; a worker-only node
   *     ({@code role: worker}) serves no API and never asks for it
   */
  String contract();

  /** Binds a handler to every operation of the contract (and registers tasks); runs once per node. */
  void setup(ServiceSetup setup);
}
