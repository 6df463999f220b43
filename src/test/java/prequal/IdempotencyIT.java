package prequal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fixtures.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * POST /applications with an Idempotency-Key, over HTTP against the real database: a retried
 * request stores nothing new and gets the first one's application, however many arrive and however
 * close together; a key reused for another application is refused; an old key is free again.
 */
class IdempotencyIT extends EndToEndTest {

  private static final int CONCURRENT_RETRIES = 8;

  @Test
  void repeatedRequestGetsTheSameApplicationAndStoresNothingNew() {
    var name = uniqueName();
    var body = application("ABCDE1234F", name, "250000.00", "500000.00", "PERSONAL");
    var key = UUID.randomUUID().toString();

    var first = post(body, key);
    var id = applicationId(first);
    var repeats = new ArrayList<HttpResponse<String>>();
    for (int i = 0; i < 3; i++) {
      repeats.add(post(body, key));
    }

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(repeats)
        .allSatisfy(
            repeat -> {
              assertThat(repeat.statusCode()).isIn(200, 202);
              assertThat(applicationId(repeat)).isEqualTo(id);
              assertThat(repeat.headers().firstValue("Location"))
                  .hasValue("/applications/" + id + "/status");
            });
    assertStoredOnce(name, id);
  }

  @Test
  void repeatAfterTheDecisionIsA200WithTheOutcome() {
    var body = application("FGHIJ5678K", uniqueName(), "75000.00", "500000.00", "HOME");
    var key = UUID.randomUUID().toString();
    var id = applicationId(post(body, key));
    awaitDecision(id);

    var repeat = post(body, key);

    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(readTree(repeat.body()))
        .isEqualTo(readTree("{\"application_id\":\"" + id + "\",\"status\":\"REJECTED\"}"));
  }

  @Test
  void sameValuesWrittenDifferentlyAreTheSameApplication() {
    var name = uniqueName();
    var key = UUID.randomUUID().toString();
    var id = applicationId(post(application("ABCDE1234F", name, "75000", "500000", "AUTO"), key));

    var repeat =
        post(
            "{\"loan_type\":\"AUTO\",\"loan_amount_inr\":500000.00,\"monthly_income_inr\":75000.0,"
                + "\"applicant_name\":\""
                + name
                + "\",\"pan_number\":\"ABCDE1234F\",\"channel\":\"mobile\"}",
            key);

    assertThat(applicationId(repeat)).isEqualTo(id);
    assertStoredOnce(name, id);
  }

  @Test
  void keyReusedForADifferentApplicationIsA409AndStoresNothing() {
    var key = UUID.randomUUID().toString();
    var id =
        applicationId(
            post(application("ABCDE1234F", uniqueName(), "90000", "500000", "HOME"), key));
    var otherName = uniqueName();

    var reused = post(application("ABCDE1234F", otherName, "90000", "500000", "HOME"), key);

    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(readTree(reused.body()))
        .isEqualTo(
            readTree(
                "{\"error\":\"Conflict\","
                    + "\"message\":\"Idempotency-Key was already used for a different application\"}"));
    assertThat(applicationsNamed(otherName)).isZero();
    assertThat(keyStandsFor(key)).isEqualTo(id);
  }

  @Test
  void concurrentRetriesCreateExactlyOneApplication() throws Exception {
    var name = uniqueName();
    var body = application("KLMNO9012P", name, "80000.00", "1000000.00", "HOME");
    var key = UUID.randomUUID().toString();
    var start = new CountDownLatch(1);
    var responses = new ArrayList<Future<HttpResponse<String>>>();

    var threads = Executors.newFixedThreadPool(CONCURRENT_RETRIES);
    try {
      for (int i = 0; i < CONCURRENT_RETRIES; i++) {
        Callable<HttpResponse<String>> retry =
            () -> {
              start.await();
              return post(body, key);
            };
        responses.add(threads.submit(retry));
      }
      start.countDown();
      var ids = new ArrayList<UUID>();
      for (var response : responses) {
        assertThat(response.get().statusCode()).isIn(200, 202);
        ids.add(applicationId(response.get()));
      }

      assertThat(ids).hasSize(CONCURRENT_RETRIES).containsOnly(ids.get(0));
      assertStoredOnce(name, ids.get(0));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void keyOlderThanItsRetentionMayBeReused() {
    var key = UUID.randomUUID().toString();
    var first =
        applicationId(
            post(application("ABCDE1234F", uniqueName(), "90000", "500000", "AUTO"), key));
    age(key, Duration.ofHours(25));
    var name = uniqueName();

    var reused = post(application("ABCDE1234F", name, "90000", "500000", "AUTO"), key);

    assertThat(reused.statusCode()).isEqualTo(202);
    var second = applicationId(reused);
    assertThat(second).isNotEqualTo(first);
    assertStoredOnce(name, second);
    assertThat(keyStandsFor(key)).isEqualTo(second);
  }

  @Test
  void purgeForgetsKeysOlderThanTheirRetentionAndKeepsTheirApplications() throws Exception {
    var old = UUID.randomUUID().toString();
    var recent = UUID.randomUUID().toString();
    var oldApplication =
        applicationId(
            post(application("ABCDE1234F", uniqueName(), "90000", "500000", "AUTO"), old));
    post(application("ABCDE1234F", uniqueName(), "90000", "500000", "AUTO"), recent);
    age(old, Duration.ofHours(24).plusMinutes(1));

    // A restarted scheduler runs after its initial delay, long before the next interval.
    camelContext.getRouteController().stopRoute("idempotency-key-purge");
    camelContext.getRouteController().startRoute("idempotency-key-purge");

    await().atMost(Duration.ofSeconds(10)).until(() -> keys(old) == 0);
    assertThat(keys(recent)).isEqualTo(1);
    assertThat(status(oldApplication)).isNotBlank();
  }

  @Test
  void requestsWithoutAKeyEachStoreAnApplication() {
    var name = uniqueName();
    var body = application("ABCDE1234F", name, "90000", "500000", "HOME");

    var first = submit(body);
    var second = submit(body);

    assertThat(second).isNotEqualTo(first);
    assertThat(applicationsNamed(name)).isEqualTo(2);
  }

  @Test
  void invalidKeyIsA422NamingTheHeader() {
    var response =
        post(application("ABCDE1234F", uniqueName(), "90000", "500000", "HOME"), "k".repeat(129));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(readTree(response.body()).get("details").findValuesAsText("field"))
        .containsExactly("Idempotency-Key");
  }

  @Test
  void browsersFromAllowedOriginsMaySendTheKey() throws Exception {
    var preflight =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/applications"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://localhost:3000")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,idempotency-key")
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .containsIgnoringCase("Idempotency-Key");
  }

  private HttpResponse<String> post(String body, String key) {
    return api().post("/applications", "application/json", body, Map.of("Idempotency-Key", key));
  }

  private void assertStoredOnce(String name, UUID id) {
    assertThat(applicationsNamed(name)).isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE topic = '"
                    + Topics.SUBMITTED
                    + "' AND message_key = ?",
                Integer.class,
                id.toString()))
        .isEqualTo(1);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM application_events WHERE application_id = ?"
                    + " AND to_status = 'PENDING'",
                Integer.class,
                id))
        .isEqualTo(1);
  }

  private int applicationsNamed(String name) {
    var names =
        jdbc.query(
            "SELECT id, applicant_name_sealed FROM applications"
                + " WHERE applicant_name_sealed IS NOT NULL",
            (row, i) ->
                openedName(
                    row.getObject("id", UUID.class), row.getString("applicant_name_sealed")));
    return (int) names.stream().filter(name::equals).count();
  }

  private UUID keyStandsFor(String key) {
    return jdbc.queryForObject(
        "SELECT application_id FROM idempotency_keys WHERE idempotency_key = ?", UUID.class, key);
  }

  private int keys(String key) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", Integer.class, key);
  }

  private void age(String key, Duration age) {
    jdbc.update(
        "UPDATE idempotency_keys SET created_at = now() - CAST(? AS bigint) * interval '1 second'"
            + " WHERE idempotency_key = ?",
        age.toSeconds(),
        key);
  }

  private static UUID applicationId(HttpResponse<String> response) {
    return UUID.fromString(readTree(response.body()).get("application_id").asText());
  }

  private static String uniqueName() {
    return "Asha " + UUID.randomUUID();
  }
}
