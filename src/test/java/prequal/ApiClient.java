package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import fixtures.ApiContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * An HTTP client for the tests that checks every response it receives against the OpenAPI contract:
 * status, headers and body schema. A response the contract does not describe fails the test that
 * received it.
 */
public final class ApiClient {

  private static final OpenApiInteractionValidator VALIDATOR = contractValidator();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ApiClient(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    return post(path, contentType, body, Map.of());
  }

  public HttpResponse<String> post(
      String path, String contentType, String body, Map<String, String> headers) {
    return post(
        path,
        contentType,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body),
        headers);
  }

  /** Sends the body chunked, without a Content-Length, as a streaming client would. */
  public HttpResponse<String> postChunked(String path, String contentType, String body) {
    var bytes = body.getBytes(StandardCharsets.UTF_8);
    return post(
        path,
        contentType,
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
        Map.of());
  }

  private HttpResponse<String> post(
      String path,
      String contentType,
      HttpRequest.BodyPublisher body,
      Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    request.POST(body);
    return send(request.build(), path, Request.Method.POST);
  }

  public HttpResponse<String> get(String path) {
    return get(path, Map.of());
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(request::header);
    return send(request.build(), path, Request.Method.GET);
  }

  public HttpResponse<String> delete(String path, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).DELETE();
    headers.forEach(request::header);
    return send(request.build(), path, Request.Method.DELETE);
  }

  private HttpResponse<String> send(HttpRequest request, String path, Request.Method method) {
    try {
      var response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertMatchesContract(path, method, response);
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertMatchesContract(
      String path, Request.Method method, HttpResponse<String> response) {
    var simple = new SimpleResponse.Builder(response.statusCode()).withBody(response.body());
    response.headers().map().forEach(simple::withHeader);
    // The contract's paths carry no query string.
    var report = VALIDATOR.validateResponse(path.split("\\?", 2)[0], method, simple.build());
    assertThat(report.getMessages())
        .as(
            "%s %s answered %d %s, which the contract does not describe",
            method, path, response.statusCode(), response.body())
        .isEmpty();
  }

  private static OpenApiInteractionValidator contractValidator() {
    try {
      return OpenApiInteractionValidator.createForInlineApiSpecification(
              Files.readString(ApiContract.FILE))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
