package prequal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * An HTTP client for the management port (Prometheus, probes, hawtio, Jolokia), which the contract
 * does not describe. It keeps no cookies: each request carries exactly the headers a test gives.
 */
final class ManagementClient {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  ManagementClient(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  static Map<String, String> basic(String user, String password) {
    var token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return Map.of("Authorization", "Basic " + token);
  }

  static Map<String, String> consoleAccount() {
    return basic("admin", DefaultCredentials.CONSOLE_PASSWORD);
  }

  /**
   * The console account with the CSRF token hawtio would echo: the {@code XSRF-TOKEN} cookie set on
   * the console page, sent back as a cookie and in {@code X-XSRF-TOKEN}.
   */
  Map<String, String> consoleAccountWithCsrfToken() {
    var page = get("/actuator/hawtio/index.html", consoleAccount());
    var token =
        page.headers().allValues("Set-Cookie").stream()
            .filter(cookie -> cookie.startsWith("XSRF-TOKEN="))
            .map(cookie -> cookie.substring("XSRF-TOKEN=".length(), cookie.indexOf(';')))
            .findFirst()
            .orElseThrow();
    var headers = new HashMap<>(consoleAccount());
    headers.put("Cookie", "XSRF-TOKEN=" + token);
    headers.put("X-XSRF-TOKEN", token);
    return headers;
  }

  HttpResponse<String> get(String path, Map<String, String> headers) {
    var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
    headers.forEach(request::header);
    return send(request.build());
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
