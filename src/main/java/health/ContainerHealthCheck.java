package health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's HEALTHCHECK (see the Dockerfile): exits 0 when {@code GET /health} on this
 * container's {@code PORT} answers 200, 1 otherwise. The JRE image promises no curl, and this needs
 * nothing but the JDK classes, so the Dockerfile runs it from its class file alone.
 */
public final class ContainerHealthCheck {

  static final Duration TIMEOUT = Duration.ofSeconds(4);

  private ContainerHealthCheck() {}

  public static void main(String[] args) {
    var port = System.getenv().getOrDefault("PORT", "8000");
    System.exit(healthy(URI.create("http://127.0.0.1:" + port + "/health")) ? 0 : 1);
  }

  static boolean healthy(URI health) {
    var client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    var request = HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
