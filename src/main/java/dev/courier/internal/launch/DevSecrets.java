package dev.courier.internal.launch;

import dev.courier.internal.config.CourierConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The sample configs ship secrets marked {@code DEV-ONLY}: anyone who has read them can mint tokens a node accepts and
 * sign tasks it runs. A node that finds one in use says so loudly at start-up, unless its config says it is a
 * development node ({@code "dev": true}). The warning names the keys, never a value.
 */
final class DevSecrets {

  static final String MARK = "DEV-ONLY";
  private static final Logger LOG = LoggerFactory.getLogger(DevSecrets.class);

  private DevSecrets() {
  }

  static void warnIfUsed(CourierConfig config) {
    List<String> used = used(config);
    if (used.isEmpty() || config.dev()) {
      return;
    }
    LOG.atWarn().addKeyValue("keys", used)
      .log("DEV-ONLY SECRETS IN USE ({}): these are sample values from conf/*.json, which anyone can read, so anyone "
        + "can mint tokens this node accepts and sign tasks it runs. Set real secrets (COURIER_AUTH_JWT_SECRET, "
        + "COURIER_TASKS_SIGNING_KEYS), or set \"dev\": true (COURIER_DEV=true) on a development node",
        String.join(", ", used));
  }

  /** @return the keys whose value is a DEV-ONLY sample secret */
  static List<String> used(CourierConfig config) {
    List<String> used = new ArrayList<>();
    config.auth().secret().filter(s -> s.contains(MARK)).ifPresent(s -> used.add("auth.jwt.secret"));
    List<String> keys = config.tasks().signingKeys();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).contains(MARK)) {
        used.add(keys.size() == 1 ? "the task signing key" : "task signing key " + (i + 1) + " of " + keys.size());
      }
    }
    return used;
  }
}
