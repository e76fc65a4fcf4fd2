package dev.courier.internal.worker;

import dev.courier.api.ModelMapper;
import dev.courier.internal.queue.Claim;
import dev.courier.internal.queue.Completion;
import dev.courier.internal.task.TaskDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns what a successful body returned into what {@code complete} stores: nothing for a task without a result, its
 * JSON when it fits {@code tasks.maxResultBytes}, else the reason it was not stored. Writing stops at the bound, so an
 * oversized value costs the (home) event loop no more than the bound. The attempt succeeds either way; a result not
 * stored is logged once at WARN with the task id, never with the value.
 */
final class TaskResults {

  private static final Logger LOG = LoggerFactory.getLogger(TaskResults.class);

  private final int maxBytes;

  TaskResults(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  Completion completion(Claim claim, TaskDefinition task, Object value) {
    if (task.result() == null || value == null) {
      return Completion.of(claim); // most tasks: nothing written, nothing sent
    }
    Capped out = new Capped(maxBytes);
    try {
      ModelMapper.mapper().writeValue(out, value);
      return Completion.withResult(claim, out.text());
    } catch (IOException | RuntimeException e) {
      // Jackson may wrap the bound's exception; and a failure's message may quote the value: only its type is told
      return notStored(claim, task, tooLarge(e) ? "result over tasks.maxResultBytes (" + maxBytes + " bytes)"
        : "result not writable as JSON (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Completion notStored(Claim claim, TaskDefinition task, String why) {
    LOG.atWarn().addKeyValue("task_id", claim.taskId())
      .log("task {} {} succeeded, but its result is not stored: {}", task.name(), claim.taskId(), why);
    return Completion.resultNotStored(claim, why);
  }

  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TooLarge) {
        return true;
      }
    }
    return false;
  }

  /** Thrown by {@link Capped} at the first byte past the bound. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("over the bound", null);
    }
  }

  /** A byte sink that refuses to grow past its bound. */
  private static final class Capped extends OutputStream {
    private final ByteArrayOutputStream bytes;
    private final int max;

    Capped(int max) {
      this.bytes = new ByteArrayOutputStream(Math.min(max, 256));
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      check(1);
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check(len);
      bytes.write(b, off, len);
    }

    private void check(int more) throws TooLarge {
      if (bytes.size() + more > max) {
        throw new TooLarge();
      }
    }

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
