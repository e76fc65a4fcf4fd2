package dev.courier.internal.queue;

/**
 * One step of a scan for expired leases: how many tasks went back to ready, and the cursor the next step starts
 * from ({@link #START} once the whole pending list was looked at).
 */
public record Reclaimed(int requeued, String cursor) {

  public static final String START = "0-0";

  public boolean done() {
    return START.equals(cursor);
  }
}
