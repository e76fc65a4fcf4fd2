package dev.courier.example.signup;

import dev.courier.CourierService;
import dev.courier.ServiceSetup;
import dev.courier.auth.Principal;
import dev.courier.http.Reply;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.List;

/** The example service of pymacaron's docs: sign up, who am I, read a user. */
public final class SignupService implements CourierService {

  @Override
  public String contract() {
    return "openapi/signup.yaml";
  }

  @Override
  public void setup(ServiceSetup setup) {
    UserStore users = new UserStore(setup.redis(), setup.settings().getString("keyPrefix", "signup"), Clock.systemUTC());
    setup
      .operation("signup", request -> users.create(request.body(SignupRequest.class)).map(Reply::created))
      .operation("getMe", request -> Future.succeededFuture(Reply.ok(me(request.principal()))))
      .operation("getUser", request -> users.find(request.pathParam("user_id")).map(Reply::ok));
  }

  private static Me me(Principal principal) {
    return new Me(principal.subject(), List.copyOf(principal.roles()), principal.claims());
  }
}
