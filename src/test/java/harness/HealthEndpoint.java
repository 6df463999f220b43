package harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a service process to answer {@code GET /health} with 200 (the database and Kafka both
 * reachable), as the fault suite's deployments and the benchmark's local run do after starting it.
 */
public final class HealthEndpoint {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(REQUEST_TIMEOUT)
          .build();

  private HealthEndpoint() {}

  /**
   * Polls every {@code pollInterval}; fails at once if the process exits, and after the timeout
   * otherwise, adding {@code diagnosis} (where to look: the log) to the message.
   */
  public static void await(
      Process process,
      String baseUrl,
      Duration timeout,
      Duration pollInterval,
      Supplier<String> diagnosis) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/health"))
            .timeout(REQUEST_TIMEOUT)
            .GET()
            .build();
    var last = new AtomicReference<>("no answer yet");
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(pollInterval)
          .pollInSameThread()
          .dontCatchUncaughtExceptions()
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(
                      "The service exited with "
                          + process.exitValue()
                          + " before it was healthy; "
                          + diagnosis.get());
                }
                try {
                  var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                  if (response.statusCode() == 200) {
                    return true;
                  }
                  last.set(response.statusCode() + " " + response.body());
                } catch (IOException e) {
                  last.set(e.toString());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException("Interrupted while waiting for the service", e);
                }
                return false;
              });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "The service at "
              + baseUrl
              + " was not healthy within "
              + timeout
              + " (last: "
              + last.get()
              + "); "
              + diagnosis.get(),
          e);
    }
  }
}
