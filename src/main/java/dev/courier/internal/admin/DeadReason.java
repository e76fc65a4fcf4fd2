package dev.courier.internal.admin;

import java.util.List;
import java.util.Map;

/**
 * Why a dead task died, as a short code for operators, read from the reason the worker stored as its last error.
 * The worker's reasons are fixed phrases (docs/design.md §8); a reason none of them starts reads as {@code other}.
 */
final class DeadReason {

  // Checked in order: "unknown task id" must come before "unknown task '".
  private static final List<Map.Entry<String, String>> CODES = List.of(
    Map.entry("failed after ", "attempts_exhausted"),
    Map.entry("its body ignored the interrupt", "stuck"),
    Map.entry("NoRetry", "no_retry"),
    Map.entry("attempt ", "attempts_lost"),
    Map.entry("unknown task id ", "unknown_id"),
    Map.entry("unknown task '", "unknown_task"),
    Map.entry("task '", "arguments_misfit"),
    Map.entry("argument ", "arguments_misfit"),
    Map.entry("empty envelope", "rejected_envelope"),
    Map.entry("unsigned envelope", "rejected_envelope"),
    Map.entry("undecodable envelope", "rejected_envelope"),
    Map.entry("bad envelope signature", "rejected_envelope"),
    Map.entry("envelope of task ", "rejected_envelope"),
    Map.entry("envelope of queue ", "tampered"),
    Map.entry("task hash disagrees ", "tampered"),
    Map.entry("damaged task ", "damaged"),
    Map.entry("stream entry ", "damaged"),
    Map.entry("could not be prepared", "damaged"));

  private DeadReason() {
  }

  static String of(String lastError) {
    if (lastError == null) {
      return "other";
    }
    for (Map.Entry<String, String> code : CODES) {
      if (lastError.startsWith(code.getKey())) {
        return code.getValue();
      }
    }
    return "other";
  }
}
