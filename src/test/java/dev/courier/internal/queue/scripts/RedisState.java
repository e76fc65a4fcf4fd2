package dev.courier.internal.queue.scripts;

import dev.courier.internal.queue.QueueKeys;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the whole Redis state of one queue, raw, so script tests assert what is really stored. */
final class RedisState {

  /** One stream entry: its id and the task id it carries. */
  record Entry(String entryId, String taskId) {
  }

  /** One PEL row: entry id, owning consumer, idle ms, delivery count. */
  record Pending(String entryId, String consumer, long idleMs, long deliveries) {
  }

  private final Redis redis;
  private final QueueKeys keys;

  RedisState(Redis redis, QueueKeys keys) {
    this.redis = redis;
    this.keys = keys;
  }

  Map<String, String> hash(String taskId) {
    Response r = send(Request.cmd(Command.HGETALL).arg(keys.task(taskId)));
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : r.getKeys()) {
      out.put(k, r.get(k).toString());
    }
    return out;
  }

  long pttl(String taskId) {
    return send(Request.cmd(Command.PTTL).arg(keys.task(taskId))).toLong();
  }

  List<Entry> stream() {
    List<Entry> out = new ArrayList<>();
    for (Response e : send(Request.cmd(Command.XRANGE).arg(keys.ready()).arg("-").arg("+"))) {
      out.add(new Entry(e.get(0).toString(), e.get(1).get(1).toString()));
    }
    return out;
  }

  List<Pending> pending() {
    List<Pending> out = new ArrayList<>();
    Request req = Request.cmd(Command.XPENDING).arg(keys.ready()).arg(keys.group()).arg("-").arg("+").arg(100);
    for (Response p : send(req)) {
      out.add(new Pending(p.get(0).toString(), p.get(1).toString(), p.get(2).toLong(), p.get(3).toLong()));
    }
    return out;
  }

  Map<String, Long> delayed() {
    return zset(keys.delayed());
  }

  Map<String, Long> retrying() {
    return zset(keys.retrying());
  }

  Map<String, Long> dead() {
    return zset(keys.dead());
  }

  Response send(Request req) {
    return redis.send(req).await();
  }

  private Map<String, Long> zset(String key) {
    Response r = send(Request.cmd(Command.ZRANGE).arg(key).arg(0).arg(-1).arg("WITHSCORES"));
    Map<String, Long> out = new LinkedHashMap<>();
    boolean nested = r.size() > 0 && r.get(0).type() == ResponseType.MULTI; // RESP3: [[member, score], ...]
    for (int i = 0; i < r.size(); i += nested ? 1 : 2) {
      String member = nested ? r.get(i).get(0).toString() : r.get(i).toString();
      String score = nested ? r.get(i).get(1).toString() : r.get(i + 1).toString();
      out.put(member, (long) Double.parseDouble(score));
    }
    return out;
  }
}
