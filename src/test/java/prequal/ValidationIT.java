package prequal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a client can get a submission or a lookup wrong, and the answer it gets. */
class ValidationIT extends EndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String VALID =
      "{'pan_number':'ABCDE1234F','applicant_name':'Rajesh Kumar','monthly_income_inr':75000.00,"
          + "'loan_amount_inr':500000.00,'loan_type':'PERSONAL'";

  @ParameterizedTest(name = "{0} is refused on {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "PAN missing                | {'applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | pan_number",
        "PAN in lower case          | "
            + "{'pan_number':'abcde1234f','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | pan_number",
        "PAN with a trailing space  | {'pan_number':'ABCDE1234F ','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | pan_number",
        "PAN with a newline         | {'pan_number':'ABCDE1234F\\n','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | pan_number",
        "PAN as a number            | {'pan_number':1234,'applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | pan_number",
        "name missing               | {'pan_number':'ABCDE1234F','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | applicant_name",
        "name empty                 | {'pan_number':'ABCDE1234F','applicant_name':'','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | applicant_name",
        "name blank                 | {'pan_number':'ABCDE1234F','applicant_name':'   ','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | applicant_name",
        "name with a NUL            | {'pan_number':'ABCDE1234F','applicant_name':'A\\u0000B','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'HOME'} | applicant_name",
        "income missing             | {'pan_number':'ABCDE1234F','applicant_name':'A','loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "income zero                | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':0,'loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "income negative            | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':-1.50,'loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "income with 3 decimals     | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1.005,'loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "income as a string         | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':'75000','loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "income above DECIMAL(12,2) | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':10000000000.00,'loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "income astronomically high | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1e400,'loan_amount_inr':1,'loan_type':'HOME'} | monthly_income_inr",
        "loan missing               | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_type':'HOME'} | loan_amount_inr",
        "loan zero                  | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':0.00,'loan_type':'HOME'} | loan_amount_inr",
        "loan above DECIMAL(12,2)   | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':99999999999,'loan_type':'HOME'} | loan_amount_inr",
        "loan as null               | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':null,'loan_type':'HOME'} | loan_amount_inr",
        "loan type missing          | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1} | loan_type",
        "loan type unknown          | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'CAR'} | loan_type",
        "loan type in lower case    | {'pan_number':'ABCDE1234F','applicant_name':'A','monthly_income_inr':1,'loan_amount_inr':1,'loan_type':'home'} | loan_type",
      })
  void invalidFieldIsA422NamingIt(String description, String body, String field) {
    var response = api().post("/applications", "application/json", body.replace('\'', '"'));

    assertThat(response.statusCode()).isEqualTo(422);
    var json = readTree(response.body());
    assertThat(json.get("error").asText()).isEqualTo("Validation Error");
    assertThat(json.get("details").findValuesAsText("field")).containsExactly(field);
    assertNoInternalsLeak(response);
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    var response =
        api()
            .post(
                "/applications",
                "application/json",
                "{\"pan_number\":\"x\",\"monthly_income_inr\":-1,\"loan_amount_inr\":\"a\",\"loan_type\":1}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(readTree(response.body()).get("details").findValuesAsText("field"))
        .containsExactly(
            "pan_number", "applicant_name", "monthly_income_inr", "loan_amount_inr", "loan_type");
  }

  @Test
  void longestNameAndLargestAmountsAreAccepted() {
    var body = application("ABCDE1234F", "क".repeat(255), "9999999999.99", "9999999999.99", "HOME");

    var id = submit(body);

    assertThat(storedName(id)).hasSize(255);
  }

  @Test
  void nameOneCharacterTooLongIsRefused() {
    var response =
        api()
            .post(
                "/applications",
                "application/json",
                application("ABCDE1234F", "क".repeat(256), "1", "1", "HOME"));

    assertThat(response.statusCode()).isEqualTo(422);
  }

  @Test
  void unknownFieldsAreIgnored() {
    var id =
        submit((VALID + ",'referrer':'branch-12','extra':{'nested':[1,2]}}").replace('\'', '"'));

    assertThat(id).isNotNull();
  }

  @ParameterizedTest(name = "body {0} is a 400")
  @ValueSource(strings = {"{bad", "", "[]", "\"text\"", "null", "{} {}", "{\"a\":1,\"a\":2}"})
  void unreadableBodyIsA400(String body) {
    var response = api().post("/applications", "application/json", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(readTree(response.body()).get("error").asText()).isEqualTo("Bad Request");
    assertNoInternalsLeak(response);
  }

  @ParameterizedTest(name = "content type {0} is a 415")
  @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
  void nonJsonContentTypeIsA415(String contentType) {
    var response = api().post("/applications", contentType, (VALID + "}").replace('\'', '"'));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(readTree(response.body()).get("error").asText()).isEqualTo("Unsupported Media Type");
  }

  @Test
  void missingContentTypeIsA415() {
    var response = api().post("/applications", null, (VALID + "}").replace('\'', '"'));

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void jsonWithCharsetIsAccepted() {
    var response =
        api()
            .post(
                "/applications",
                "application/json; charset=UTF-8",
                (VALID + "}").replace('\'', '"'));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @ParameterizedTest(name = "status of {0} is a 422")
  @ValueSource(
      strings = {
        "nope",
        "1-1-1-1-1",
        "3fa85f6457174562b3fc2c963f66afa6",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6x"
      })
  void statusOfNonUuidIsA422(String id) {
    var response = api().get("/applications/" + id + "/status");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(readTree(response.body()).get("details").findValuesAsText("field"))
        .containsExactly("application_id");
  }

  @Test
  void statusOfUnknownApplicationIsA404() {
    var response = api().get("/applications/" + UUID.randomUUID() + "/status");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(readTree(response.body()).get("error").asText()).isEqualTo("Not Found");
  }

  @Test
  void responsesCarryOnlyTheIntendedHeaders() {
    var response =
        api()
            .post(
                "/applications",
                "application/json",
                (VALID + "}").replace('\'', '"'),
                Map.of("X-Secret-Test-Header", "should-not-echo"));

    assertThat(response.headers().map().keySet())
        .noneMatch(name -> name.equalsIgnoreCase("X-Secret-Test-Header"))
        .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("camel"));
    assertThat(response.headers().allValues("X-Correlation-ID")).hasSize(1);
  }

  @ParameterizedTest(name = "a body of {0} bytes, sent {1}, is read")
  @CsvSource({"16384, with its length", "16384, chunked"})
  void bodyAtTheSizeLimitIsRead(int bytes, String sent) {
    var response = send(sent, paddedTo(bytes));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @ParameterizedTest(name = "a body of {0} bytes, sent {1}, is a 413 before it is read")
  @CsvSource({
    "16385,   with its length",
    "16385,   chunked",
    "2097152, with its length",
    "2097152, chunked"
  })
  void bodyOverTheSizeLimitIsRefusedUnread(int bytes, String sent) {
    var body = paddedTo(bytes);
    var routeExchanges = submitRouteExchanges();
    var started = System.nanoTime();

    var response = send(sent, body);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(readTree(response.body()))
        .isEqualTo(
            readTree(
                "{\"error\":\"Payload Too Large\","
                    + "\"message\":\"Request body must be at most 16384 bytes\"}"));
    assertThat(submitRouteExchanges()).isEqualTo(routeExchanges);
  }

  @Test
  void clientThatAsksBeforeSendingALargeBodyIsRefusedBeforeSendingIt() throws IOException {
    try (var socket = new Socket("localhost", port)) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              String.join(
                      "\r\n",
                      "POST /applications HTTP/1.1",
                      "Host: localhost",
                      "Content-Type: application/json",
                      "Content-Length: 2097152",
                      "Expect: 100-continue",
                      "",
                      "")
                  .getBytes(StandardCharsets.US_ASCII));

      var statusLine =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();

      assertThat(statusLine).startsWith("HTTP/1.1 413");
    }
  }

  @ParameterizedTest(name = "an extra field of {0} {1} is read")
  @CsvSource({"19, nested arrays", "10000, string characters", "50, number digits"})
  void jsonAtItsLimitsIsRead(int size, String kind) {
    var response = api().post("/applications", "application/json", withExtraField(kind, size));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  @ParameterizedTest(name = "an extra field of {0} {1} is a 400")
  @CsvSource({"20, nested arrays", "10001, string characters", "51, number digits"})
  void jsonBeyondItsLimitsIsA400(int size, String kind) {
    var response = api().post("/applications", "application/json", withExtraField(kind, size));

    assertThat(response.statusCode()).isEqualTo(400);
    var json = readTree(response.body());
    assertThat(json.get("error").asText()).isEqualTo("Bad Request");
    assertThat(json.get("message").asText())
        .isEqualTo(
            "Request body must nest at most 20 levels, with strings of at most 10000 characters"
                + " and numbers of at most 50 characters");
  }

  @Test
  void acceptWithoutJsonIsA406WithTheJsonErrorAllTheSame() {
    var response = api().get("/health", Map.of("Accept", "text/plain"));

    assertThat(response.statusCode()).isEqualTo(406);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(readTree(response.body()))
        .isEqualTo(
            readTree(
                "{\"error\":\"Not Acceptable\","
                    + "\"message\":\"Only application/json responses are available\"}"));
  }

  @Test
  void errorsAnsweredOutsideTheRoutesCarryTheApiHeadersToo() {
    var unknownPath = sendRaw(HttpRequest.newBuilder(uri("/no-such-resource")).GET());
    var wrongMethod = sendRaw(HttpRequest.newBuilder(uri("/applications/x/status")).DELETE());
    var foreignOrigin =
        sendRaw(
            HttpRequest.newBuilder(uri("/applications"))
                .header("Origin", "https://elsewhere.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString((VALID + "}").replace('\'', '"'))));

    assertThat(List.of(unknownPath, wrongMethod, foreignOrigin))
        .extracting(HttpResponse::statusCode)
        .containsExactly(404, 405, 403);
    assertThat(wrongMethod.headers().firstValue("Allow"))
        .hasValueSatisfying(
            allowed -> assertThat(allowed).contains("GET").doesNotContain("DELETE"));
    assertThat(List.of(unknownPath, wrongMethod, foreignOrigin))
        .allSatisfy(
            response -> {
              assertThat(response.headers().allValues("Cache-Control")).containsExactly("no-store");
              assertThat(response.headers().allValues("X-Content-Type-Options"))
                  .containsExactly("nosniff");
              assertThat(readTree(response.body()).path("error").asText())
                  .as("%s %s: %s", response.request().method(), response.uri(), response.body())
                  .isNotBlank();
            });
  }

  private HttpResponse<String> send(String sent, String body) {
    return "chunked".equals(sent)
        ? api().postChunked("/applications", "application/json", body)
        : api().post("/applications", "application/json", body);
  }

  /** A valid application, padded with whitespace after the object to exactly this many bytes. */
  private static String paddedTo(int bytes) {
    var json = (VALID + "}").replace('\'', '"');
    return json + " ".repeat(bytes - json.getBytes(StandardCharsets.UTF_8).length);
  }

  /** A valid application with an extra field holding a value of that size and kind. */
  private static String withExtraField(String kind, int size) {
    var value =
        switch (kind) {
          case "nested arrays" -> "[".repeat(size) + "]".repeat(size);
          case "string characters" -> "\"" + "x".repeat(size) + "\"";
          case "number digits" -> "7".repeat(size);
          default -> throw new IllegalArgumentException(kind);
        };
    return (VALID + ",'extra':").replace('\'', '"') + value + "}";
  }

  private long submitRouteExchanges() {
    return camelContext
        .getCamelContextExtension()
        .getContextPlugin(ManagedCamelContext.class)
        .getManagedRoute("submit-application")
        .getExchangesTotal();
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static HttpResponse<String> sendRaw(HttpRequest.Builder request) {
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void assertNoInternalsLeak(HttpResponse<String> response) {
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("java.")
        .doesNotContain("\tat ")
        .doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("insert ");
  }
}
