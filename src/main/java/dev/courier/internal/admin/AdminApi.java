package dev.courier.internal.admin;

import dev.courier.api.ApiException;
import dev.courier.api.ApiRequest;
import dev.courier.api.OperationHandler;
import dev.courier.api.Reply;
import dev.courier.internal.queue.OperatorOutcome;
import dev.courier.internal.queue.QueueAdmin;
import dev.courier.internal.queue.Queues;
import dev.courier.internal.queue.RedisQueue;
import dev.courier.internal.queue.TaskRecord;
import dev.courier.internal.task.EnvelopeSigner;
import dev.courier.task.TaskState;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The admin API ({@code /admin/api/...}, role {@code admin.role}): the queues this node knows with their sizes (and the
 * losses of Redis data it reports), a queue's tasks by state, one task's record, and an operator's moves (retry or
 * delete a dead task, purge the dead set, pause and resume a queue). Each move is logged with the operator's subject.
 */
public final class AdminApi {

  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
  private static final int DEFAULT_PAGE = 50;

  private final Queues queues;
  private final Supplier<List<String>> known;
  private final EnvelopeSigner signer;
  private final Clock clock;
  private final Supplier<JsonObject> data;

  /**
   * @param known every queue this node knows (the configured ones and those its tasks name), asked at each call
   * @param data  the losses of Redis data this node reports now (as in its health detail)
   */
  public AdminApi(Queues queues, Supplier<List<String>> known, EnvelopeSigner signer, Clock clock,
                  Supplier<JsonObject> data) {
    this.queues = queues;
    this.known = known;
    this.signer = signer;
    this.clock = clock;
    this.data = data;
  }

  /** @return the handler of each admin API operation, by operationId */
  public Map<String, OperationHandler> operations() {
    return Map.of("adminListQueues", this::listQueues, "adminListTasks", this::listTasks,
      "adminGetTask", this::getTask, "adminRetryTask", this::retryTask, "adminDeleteTask", this::deleteTask,
      "adminPurgeDead", this::purgeDead, "adminPauseQueue", this::pause, "adminResumeQueue", this::resume);
  }

  Future<Reply> listQueues(ApiRequest request) {
    List<Future<JsonObject>> all = new ArrayList<>();
    for (String name : known.get()) {
      all.add(queues.get(name).compose(q -> q.admin().overview()).map(AdminJson::queue));
    }
    return Future.all(all).map(done -> {
      JsonArray list = new JsonArray();
      all.forEach(one -> list.add(one.result()));
      return Reply.ok(new JsonObject().put("queues", list).put("at", Instant.ofEpochMilli(clock.millis()).toString())
        .put("data", data.get()));
    });
  }

  Future<Reply> listTasks(ApiRequest request) {
    String state = request.query("state").map(String::valueOf).orElse("");
    int limit = request.query("limit").map(v -> ((Number) v).intValue()).orElse(DEFAULT_PAGE);
    String cursor = request.query("cursor").map(String::valueOf).orElse(null);
    return admin(request).compose(admin -> {
      try {
        return admin.page(TaskState.fromWire(state), cursor, limit);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
    }).map(page -> {
      JsonArray tasks = new JsonArray();
      page.tasks().forEach(t -> tasks.add(AdminJson.summary(t)));
      return Reply.ok(new JsonObject().put("queue", request.pathParam("queue")).put("state", state)
        .put("tasks", tasks).put("next_cursor", page.nextCursor()));
    });
  }

  Future<Reply> getTask(ApiRequest request) {
    String id = request.pathParam("task_id");
    return admin(request).compose(admin -> admin.record(id)).map(found -> Reply.ok(record(request, id, found)));
  }

  Future<Reply> retryTask(ApiRequest request) {
    String id = request.pathParam("task_id");
    String who = request.principal().subject();
    return admin(request).compose(admin -> admin.retryDead(id, who, clock.millis()).compose(outcome -> {
      refuse(outcome, request, id, "retried");
      LOG.atInfo().addKeyValue("task_id", id).addKeyValue("queue", admin.queue()).addKeyValue("operator", who)
        .log("dead task {} of queue {} retried by {}: queued again, attempts from 0", id, admin.queue(), who);
      return admin.record(id);
    })).map(found -> Reply.ok(record(request, id, found)));
  }

  Future<Reply> deleteTask(ApiRequest request) {
    String id = request.pathParam("task_id");
    String who = request.principal().subject();
    return admin(request).compose(admin -> admin.deleteDead(id).map(outcome -> {
      refuse(outcome, request, id, "deleted");
      LOG.atInfo().addKeyValue("task_id", id).addKeyValue("queue", admin.queue()).addKeyValue("operator", who)
        .log("dead task {} of queue {} deleted by {}", id, admin.queue(), who);
      return Reply.noContent();
    }));
  }

  Future<Reply> purgeDead(ApiRequest request) {
    String who = request.principal().subject();
    return admin(request).compose(admin -> admin.purgeDead(clock.millis()).map(deleted -> {
      LOG.atInfo().addKeyValue("queue", admin.queue()).addKeyValue("operator", who).addKeyValue("deleted", deleted)
        .log("dead set of queue {} purged by {}: {} task(s) deleted", admin.queue(), who, deleted);
      return Reply.ok(new JsonObject().put("queue", admin.queue()).put("deleted", deleted));
    }));
  }

  Future<Reply> pause(ApiRequest request) {
    String who = request.principal().subject();
    return admin(request).compose(admin -> admin.pause(who, clock.millis()).compose(changed -> {
      if (changed) {
        LOG.atInfo().addKeyValue("queue", admin.queue()).addKeyValue("operator", who)
          .log("queue {} paused by {}: no worker claims from it until it is resumed", admin.queue(), who);
      }
      return admin.overview();
    })).map(q -> Reply.ok(AdminJson.queue(q)));
  }

  Future<Reply> resume(ApiRequest request) {
    String who = request.principal().subject();
    return admin(request).compose(admin -> admin.resume().compose(changed -> {
      if (changed) {
        LOG.atInfo().addKeyValue("queue", admin.queue()).addKeyValue("operator", who)
          .log("queue {} resumed by {}", admin.queue(), who);
      }
      return admin.overview();
    })).map(q -> Reply.ok(AdminJson.queue(q)));
  }

  /** The queue the path names, if this node knows it (else 404: a typo must not look like an empty queue). */
  private Future<QueueAdmin> admin(ApiRequest request) {
    String name = request.pathParam("queue");
    if (!known.get().contains(name)) {
      return Future.failedFuture(ApiException.notFound("no queue '" + name + "' on this node (it knows "
        + String.join(", ", known.get()) + ")"));
    }
    // answered on the request's own context (Queues.get): its log lines carry its request id
    return queues.get(name).map(RedisQueue::admin);
  }

  private JsonObject record(ApiRequest request, String id, TaskRecord found) {
    if (found == null) {
      throw notFound(request, id);
    }
    return AdminJson.record(found, EnvelopeInfo.of(found.envelope(), signer));
  }

  private static void refuse(OperatorOutcome outcome, ApiRequest request, String id, String verb) {
    switch (outcome) {
      case DONE -> {
      }
      case NOT_FOUND -> throw notFound(request, id);
      case NOT_DEAD -> throw ApiException.conflict("task '" + id + "' is not dead: only dead tasks can be " + verb);
      case NO_ENVELOPE -> throw ApiException.conflict("task '" + id + "' was buried for an id that had no task: it "
        + "has nothing to run; delete it instead");
      default -> throw new IllegalStateException("unexpected outcome " + outcome);
    }
  }

  private static ApiException notFound(ApiRequest request, String id) {
    return ApiException.notFound("no task '" + id + "' in queue '" + request.pathParam("queue")
      + "' (it may have expired after tasks.retentionSeconds)");
  }
}
