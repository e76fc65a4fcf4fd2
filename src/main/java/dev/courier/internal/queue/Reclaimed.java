package dev.courier.internal.queue;

/**
 * One step of a scan for expired leases: how many tasks went back to ready, the cursor the next step starts from
 * ({@link #START} once the whole pending list was looked at), and whether the step reached Redis after its deadline
 * and so did nothing ({@code late}: a stall came between the recoverer's clock reading and the step), and Redis's
 * clock when the step ran ({@code redisMs}), from which the next step's deadline is set.
 */
public record Reclaimed(int requeued, String cursor, boolean late, long redisMs) {

  public static final String START = "0-0";

  public boolean done() {
    return START.equals(cursor);
  }
}
