package dev.courier.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Plain blocking GETs to a node under test from the test thread (java.net.http, so no Vert.x of the test is involved),
 * and a sampler that probes {@code /health/ready} on its own thread and keeps every answer with its times.
 */
final class NodeHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** One answer: its status (0: none in time, or no connection), when it was asked, how long it took, its body. */
  record Answer(int status, long atMs, long tookMs, String body) {
  }

  private NodeHttp() {
  }

  static Answer get(int port, String path, String bearer, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(timeout).GET();
    if (bearer != null) {
      request.header("Authorization", bearer);
    }
    long at = System.currentTimeMillis();
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), at, System.currentTimeMillis() - at, response.body());
    } catch (IOException e) {
      return new Answer(0, at, System.currentTimeMillis() - at, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, at, System.currentTimeMillis() - at, e.toString());
    }
  }

  /** Probes {@code GET /health/ready} every {@code periodMs} (each probe waits 5 s at most) until closed. */
  static final class ReadinessSampler implements AutoCloseable {
    private final List<Answer> answers = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ReadinessSampler(int port, long periodMs) {
      thread = new Thread(() -> {
        while (running) {
          Answer answer = get(port, "/health/ready", null, Duration.ofSeconds(5));
          synchronized (answers) {
            answers.add(answer);
          }
          try {
            Thread.sleep(periodMs);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "readiness-" + port);
      thread.setDaemon(true);
      thread.start();
    }

    List<Answer> where(Predicate<Answer> filter) {
      synchronized (answers) {
        return answers.stream().filter(filter).toList();
      }
    }

    /** Probes asked at or after {@code fromMs} and answered before {@code toMs}. */
    List<Answer> within(long fromMs, long toMs) {
      return where(a -> a.atMs() >= fromMs && a.atMs() + a.tookMs() < toMs);
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
