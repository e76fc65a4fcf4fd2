package dev.courier.launch;

import dev.courier.internal.launch.NodeMain;

/**
 * The command that starts a node: {@code java -jar service-fat.jar [-conf FILE]} (or
 * {@code java -cp ... dev.courier.launch.Main}). It reads and checks the config (default {@code conf/config.json}),
 * finds the one {@link dev.courier.CourierService} registered in {@code META-INF/services}, starts the verticles
 * the config's {@code role} asks for, and stops cleanly on SIGTERM. A bad config or a failed start prints one line
 * naming what to fix and exits non-zero (2 for a bad config, 1 for a failed start). With {@code --check-config} it
 * only checks the config and the service, and exits 0 (printing one line) or 2 (printing what a start would).
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    NodeMain.main(args);
  }
}
