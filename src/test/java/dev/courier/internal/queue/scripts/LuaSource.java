package dev.courier.internal.queue.scripts;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A queue script run raw with {@code EVAL}, its {@code --@include} lines spliced as the production loader does: for the
 * tests that must hand a script more than the Java side would ever send in one call.
 */
final class LuaSource {

  private static final String DIR = "courier/queue/lua/";

  private LuaSource() {
  }

  /** Runs {@code file} (e.g. {@code complete-1}) with these keys and args; a script error fails the await. */
  static Response eval(RedisState state, String file, List<String> keys, List<String> args) {
    Request req = Request.cmd(Command.EVAL).arg(source(file)).arg(keys.size());
    keys.forEach(req::arg);
    args.forEach(req::arg);
    return state.send(req);
  }

  private static String source(String file) {
    StringBuilder out = new StringBuilder();
    for (String line : read(DIR + file + ".lua").split("\n", -1)) {
      out.append(line.startsWith("--@include ")
          ? read(DIR + "includes/" + line.substring("--@include ".length()).trim() + ".lua") : line).append('\n');
    }
    return out.toString();
  }

  private static String read(String resource) {
    try (InputStream in = LuaSource.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
