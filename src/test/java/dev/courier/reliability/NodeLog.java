package dev.courier.reliability;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The JSON log lines a child node wrote to stdout, read after the fact. */
final class NodeLog {

  private NodeLog() {
  }

  /** Lines of {@code level} (any level when null) whose whole JSON text matches {@code pattern}. */
  static List<JsonObject> lines(ChildNode node, String level, Pattern pattern) {
    List<JsonObject> found = new ArrayList<>();
    for (String line : node.jvm.stdout().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      try {
        JsonObject json = new JsonObject(line);
        if ((level == null || level.equals(json.getString("level"))) && pattern.matcher(line).find()) {
          found.add(json);
        }
      } catch (DecodeException notJson) {
        // a line cut by the process's end
      }
    }
    return found;
  }

  /** Lines of stderr matching {@code pattern} (stack traces, the JVM's own complaints). */
  static List<String> stderr(ChildNode node, Pattern pattern) {
    return node.jvm.stderr().lines().filter(l -> pattern.matcher(l).find()).toList();
  }
}
