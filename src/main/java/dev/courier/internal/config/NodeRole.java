package dev.courier.internal.config;

/** What a node runs: the HTTP API, the task workers, or both. Spelled {@code all}, {@code api}, {@code worker}. */
public enum NodeRole {
  /** Runs the API and the workers (the default; handy in development). */
  ALL,
  /** Runs only the HTTP API; tasks it enqueues are run by worker nodes. */
  API,
  /** Runs only task workers and their background duties. */
  WORKER;

  /** Whether this node deploys the HTTP API. */
  public boolean runsApi() {
    return this != WORKER;
  }

  /** Whether this node deploys task workers. */
  public boolean runsWorkers() {
    return this != API;
  }
}
