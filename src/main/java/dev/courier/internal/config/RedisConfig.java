package dev.courier.internal.config;

import java.util.List;
import java.util.Objects;

/**
 * How to reach Redis ({@code redis.*}). URLs may carry a password; {@link #toString()} masks it.
 *
 * @param url the Redis URL, password included
 * @param type standalone, sentinel or cluster
 * @param endpoints sentinel or cluster seed URLs; never empty (defaults to {@code [url]})
 * @param masterName master watched by the sentinels
 * @param maxPoolSize most pooled connections
 * @param maxPoolWaiting most requests waiting for a pooled connection
 * @param ackReplicas replicas that must confirm a fire ({@code WAIT}) before it succeeds; 0: none
 * @param ackTimeoutMs how long a fire waits for them
 * @param lossReportSeconds how long a loss of a queue's data is reported (health detail, admin API)
 * @param lossFailsReadiness whether readiness also fails while a loss is reported
 * @param commandTimeoutMs deadline of every Redis call (blocking ones: on top of their block time)
 */
public record RedisConfig(String url, RedisType type, List<String> endpoints, String masterName, int maxPoolSize,
                          int maxPoolWaiting, int ackReplicas, int ackTimeoutMs, int lossReportSeconds,
                          boolean lossFailsReadiness, int commandTimeoutMs) {

  public RedisConfig {
    Objects.requireNonNull(url, "'url' cannot be null");
    Objects.requireNonNull(type, "'type' cannot be null");
    endpoints = List.copyOf(endpoints);
  }

  /** @return {@link #url()} with its password masked, for messages and logs. */
  public String displayUrl() {
    return Redaction.url(url);
  }

  @Override
  public String toString() {
    return "RedisConfig[url=" + Redaction.url(url) + ", type=" + type
      + ", endpoints=" + endpoints.stream().map(Redaction::url).toList() + ", masterName=" + masterName
      + ", maxPoolSize=" + maxPoolSize + ", maxPoolWaiting=" + maxPoolWaiting + ", ackReplicas=" + ackReplicas + ", ackTimeoutMs=" + ackTimeoutMs
      + ", lossReportSeconds=" + lossReportSeconds + ", lossFailsReadiness=" + lossFailsReadiness
      + ", commandTimeoutMs=" + commandTimeoutMs + "]";
  }
}
