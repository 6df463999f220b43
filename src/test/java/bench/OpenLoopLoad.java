package bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code POST /applications} at a fixed offered rate, open loop: request {@code i} is due at {@code
 * start + i / rate} whatever happened to the earlier ones, and its latency is counted from that
 * intended time, not from when it actually went out. A server that stalls therefore shows its
 * queueing in the figures instead of slowing the client down and hiding it (coordinated omission).
 *
 * <p>Requests are sent with {@link HttpClient#sendAsync}, so one thread keeps the schedule. At most
 * {@code maxInFlight} requests are outstanding (each on its own HTTP/1.1 connection); when they all
 * are, the schedule waits, and the wait shows up in the latency of the requests that were due
 * meanwhile, as it should.
 */
final class OpenLoopLoad {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration START_LEAD = Duration.ofMillis(20);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENT_THREADS = 2;

  private final URI applications;
  private final int maxInFlight;
  private final HttpClient http;

  OpenLoopLoad(String baseUrl, int maxInFlight) {
    var base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.applications = URI.create(base + "/applications");
    this.maxInFlight = maxInFlight;
    // The client's default executor is a cached pool, which under load starts threads faster than
    // it reuses them: the profile showed the schedule thread blocked in Thread.start while the
    // server's request threads sat idle. A small fixed pool keeps the client cheap and on time.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .executor(Executors.newFixedThreadPool(CLIENT_THREADS, OpenLoopLoad::daemon))
            .build();
  }

  /** Sends every body, in order, at {@code rate} per second, and waits for the last answer. */
  Result run(List<String> bodies, int rate) {
    var latency = new ConcurrentHistogram(3);
    var accepted = new ConcurrentLinkedQueue<UUID>();
    var errors = new ConcurrentHashMap<String, LongAdder>();
    var inFlight = new Semaphore(maxInFlight);
    long start = System.nanoTime() + START_LEAD.toNanos();
    long maxLag = 0;
    for (int i = 0; i < bodies.size(); i++) {
      long intended = start + Math.round(i * 1e9 / rate);
      parkUntil(intended);
      inFlight.acquireUninterruptibly();
      maxLag = Math.max(maxLag, System.nanoTime() - intended);
      var request =
          HttpRequest.newBuilder(applications)
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
              .build();
      // The outcome is recorded by the callback and awaited through the in-flight permits.
      var unused =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, failure) -> {
                    try {
                      latency.recordValue(
                          TimeUnit.NANOSECONDS.toMicros(Math.max(0, System.nanoTime() - intended)));
                      var id = response == null ? null : acceptedId(response);
                      if (id != null) {
                        accepted.add(id);
                      } else {
                        errors
                            .computeIfAbsent(errorKey(response, failure), key -> new LongAdder())
                            .increment();
                      }
                    } finally {
                      inFlight.release();
                    }
                  });
    }
    long lastSent = System.nanoTime();
    boolean finished = awaitAll(inFlight);
    var errorCounts = new TreeMap<String, Long>();
    errors.forEach((key, count) -> errorCounts.put(key, count.sum()));
    if (!finished) {
      errorCounts.put(
          "no answer when the step ended", (long) (maxInFlight - inFlight.availablePermits()));
    }
    return new Result(
        bodies.size(),
        List.copyOf(accepted),
        Map.copyOf(errorCounts),
        latency.copy(),
        Duration.ofNanos(maxLag),
        Duration.ofNanos(lastSent - start));
  }

  /**
   * The id of an accepted application; null for anything but a 202 with one, which then counts as
   * an error.
   */
  private static UUID acceptedId(HttpResponse<String> response) {
    if (response.statusCode() != 202) {
      return null;
    }
    try {
      var id = JSON.readTree(response.body()).get("application_id");
      return id == null ? null : UUID.fromString(id.asText());
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static String errorKey(HttpResponse<String> response, Throwable failure) {
    if (response != null) {
      return response.statusCode() == 202
          ? "202 without an application id"
          : "HTTP " + response.statusCode();
    }
    var cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause.getClass().getName();
  }

  /** Every permit back means every request has been answered or has failed. */
  private boolean awaitAll(Semaphore inFlight) {
    try {
      if (inFlight.tryAcquire(maxInFlight, REQUEST_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)) {
        inFlight.release(maxInFlight);
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the last answers", e);
    }
  }

  private static Thread daemon(Runnable task) {
    var thread = new Thread(task, "bench-http-client");
    thread.setDaemon(true);
    return thread;
  }

  private static void parkUntil(long nanoTime) {
    long wait;
    while ((wait = nanoTime - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /**
   * What the client saw in one step.
   *
   * @param latency submit latency in microseconds from each request's intended send time, errors
   *     included
   * @param maxLag how far behind its schedule the client ever sent (its own limit, or the in-flight
   *     cap)
   * @param sendSpan from the first intended send to the last actual one
   */
  record Result(
      int sent,
      List<UUID> accepted,
      Map<String, Long> errors,
      Histogram latency,
      Duration maxLag,
      Duration sendSpan) {

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
